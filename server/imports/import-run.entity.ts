import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ImportProgress, ImportReport } from './import-report.js';

export type ImportStatus = 'queued' | 'running' | 'done' | 'rejected' | 'failed';

/** One import of a bundle: who ran it, where it stands, and its report. */
@Entity({ name: 'imports' })
export class ImportRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'round_id', type: 'varchar', length: 16 })
  roundId: string;

  @Column({ name: 'source_name', type: 'text' })
  sourceName: string;

  @Column({ type: 'varchar', length: 16 })
  status: ImportStatus;

  /** interface.md's exit status: 0 all rows imported, 1 some rejected, 2 a file or the bundle. */
  @Column({ name: 'exit_code', type: 'smallint', nullable: true })
  exitCode: number | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 64, nullable: true })
  requestedBy: string | null;

  @Column({ type: 'jsonb', default: {} })
  progress: ImportProgress | Record<string, never>;

  @Column({ type: 'jsonb', nullable: true })
  report: ImportReport | null;

  /** An internal failure (not a rejected bundle), for an admin to look at. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Last sign of life of whoever runs it (every 15 s): an old one means its worker is gone. */
  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  /** Times the reconciler took it up again after its worker was lost. */
  @Column({ type: 'smallint', default: 0 })
  resumed: number;
}
