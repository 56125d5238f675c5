import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An academic meeting that may count for attendance (meetings.csv), per round. */
@Entity({ name: 'meetings' })
export class MeetingEntity {
  @PrimaryColumn({ name: 'round_id', type: 'varchar', length: 16 })
  roundId: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ name: 'society_code', type: 'text' })
  societyCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  /** 全国, 地方会 (never counts) or 教育セミナー. */
  @Column({ type: 'text' })
  kind: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
