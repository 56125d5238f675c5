import { InitialSchema1764000000000 } from './1764000000000-InitialSchema.js';
import { SeedRound20211764000000001 } from './1764000000001-SeedRound2021.js';
import { ImportedData1764100000000 } from './1764100000000-ImportedData.js';
import { CheckResults1764200000000 } from './1764200000000-CheckResults.js';
import { AccountSecurity1764300000000 } from './1764300000000-AccountSecurity.js';
import { AuditTrail1764400000000 } from './1764400000000-AuditTrail.js';
import { ReviewerAssignments1764500000000 } from './1764500000000-ReviewerAssignments.js';
import { Decisions1764600000000 } from './1764600000000-Decisions.js';
import { ItemOverrides1764700000000 } from './1764700000000-ItemOverrides.js';
import { ListViews1764800000000 } from './1764800000000-ListViews.js';
import { DocumentChecks1764900000000 } from './1764900000000-DocumentChecks.js';
import { DeficiencyNotices1765000000000 } from './1765000000000-DeficiencyNotices.js';
import { ScanAnalyses1765100000000 } from './1765100000000-ScanAnalyses.js';
import { Dispatches1765200000000 } from './1765200000000-Dispatches.js';
import { ScanReadings1765300000000 } from './1765300000000-ScanReadings.js';
import { RateLimits1765409000000 } from './1765409000000-RateLimits.js';
import { WorkerHeartbeats1765411000000 } from './1765411000000-WorkerHeartbeats.js';
import { DossierSearch1765416160000 } from './1765416160000-DossierSearch.js';
import { AuditLogFilters1765420000023 } from './1765420000023-AuditLogFilters.js';
import { LettersAndLabels1765420220022 } from './1765420220022-LettersAndLabels.js';
import { CaseRetention1765430000000 } from './1765430000000-CaseRetention.js';
import { Outbox1765500000021 } from './1765500000021-Outbox.js';
import { LettersWithoutEmail1765510000000 } from './1765510000000-LettersWithoutEmail.js';
import { RoundReadIndexes1765520000033 } from './1765520000033-RoundReadIndexes.js';
import { ImportStaging1765530000000 } from './1765530000000-ImportStaging.js';

/** Every migration, in order. Listed explicitly: no file globbing at run time. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  SeedRound20211764000000001,
  ImportedData1764100000000,
  CheckResults1764200000000,
  AccountSecurity1764300000000,
  AuditTrail1764400000000,
  ReviewerAssignments1764500000000,
  Decisions1764600000000,
  ItemOverrides1764700000000,
  ListViews1764800000000,
  DocumentChecks1764900000000,
  DeficiencyNotices1765000000000,
  ScanAnalyses1765100000000,
  Dispatches1765200000000,
  ScanReadings1765300000000,
  RateLimits1765409000000,
  WorkerHeartbeats1765411000000,
  DossierSearch1765416160000,
  AuditLogFilters1765420000023,
  LettersAndLabels1765420220022,
  CaseRetention1765430000000,
  Outbox1765500000021,
  LettersWithoutEmail1765510000000,
  RoundReadIndexes1765520000033,
  ImportStaging1765530000000,
];
