import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A society whose members may hold the certification (societies.csv), per round. */
@Entity({ name: 'societies' })
export class SocietyEntity {
  @PrimaryColumn({ name: 'round_id', type: 'varchar', length: 16 })
  roundId: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
