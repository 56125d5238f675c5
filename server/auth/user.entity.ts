import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type UserRole = 'admin' | 'secretariat' | 'reviewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'secretariat', 'reviewer'];

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  login: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  /** A self-describing hash string (algorithm, parameters, salt, hash). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set for an account someone else created: its first login must choose a new password. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Wrong passwords since the last good login; reaching the limit locks the account a while. */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /** A facility number of the board's list (施設番号): conflicts of interest are found by it. */
  @Column({ name: 'workplace_facility_no', type: 'text', nullable: true })
  workplaceFacilityNo: string | null;

  /** The workplace's name, for a workplace outside the list or to match names too. */
  @Column({ name: 'workplace_name', type: 'text', nullable: true })
  workplaceName: string | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
