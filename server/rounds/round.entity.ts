import type { RoundSender } from './round-settings.js';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export interface RoundFees {
  review: number;
  certification: number;
  handling: number;
}

export interface RoundRequirements {
  cases: number;
  maxCases: number;
  attendances: number;
  maxAttendances: number;
  electives: number;
}

/** One renewal round (年度): every date, fee and requirement the rules read. */
@Entity({ name: 'rounds' })
export class RoundEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  label: string;

  @Column({ name: 'application_opens', type: 'timestamptz' })
  applicationOpens: Date;

  @Column({ name: 'review_fee_deadline', type: 'timestamptz' })
  reviewFeeDeadline: Date;

  @Column({ name: 'elearning_deadline', type: 'timestamptz' })
  elearningDeadline: Date;

  @Column({ name: 'registration_deadline', type: 'timestamptz' })
  registrationDeadline: Date;

  /** Dates without a time are kept as 'YYYY-MM-DD' strings: they are Japanese calendar days. */
  @Column({ name: 'postmark_deadline', type: 'date' })
  postmarkDeadline: string;

  @Column({ name: 'results_address_cutoff', type: 'date' })
  resultsAddressCutoff: string;

  @Column({ name: 'certificate_address_cutoff', type: 'date' })
  certificateAddressCutoff: string;

  @Column({ name: 'renewal_date', type: 'date' })
  renewalDate: string;

  @Column({ type: 'jsonb' })
  fees: RoundFees;

  @Column({ type: 'jsonb' })
  requirements: RoundRequirements;

  @Column({ name: 'pin_badge_at_renewal', type: 'integer' })
  pinBadgeAtRenewal: number;

  /** Who the round's letters come from (null: the board's name only). */
  @Column({ type: 'jsonb', nullable: true })
  sender: RoundSender | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
