import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A certified training facility (facilities.csv), per round. */
@Entity({ name: 'facilities' })
export class FacilityEntity {
  @PrimaryColumn({ name: 'round_id', type: 'varchar', length: 16 })
  roundId: string;

  @PrimaryColumn({ name: 'facility_no', type: 'text' })
  facilityNo: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'text' })
  prefecture: string;

  @Column({ type: 'text' })
  address: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
