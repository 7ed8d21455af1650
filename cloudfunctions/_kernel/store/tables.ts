import {
  applicationQuotaSchema,
  applicationSchema,
  objectionSchema,
  roundSchema,
  sanctionSchema,
  storedReviewSchema,
} from '../../../shared/schemas/application';
import { awardDocSchema, checkDocSchema, consequenceDocSchema, ledgerEntrySchema } from '../../../shared/schemas/awards';
import { appliedRequestSchema } from '../../../shared/schemas/common';
import { fileRecordSchema } from '../../../shared/schemas/files';
import { holidayYearSchema } from '../../../shared/schemas/holidays';
import { migrationRecordSchema } from '../../../shared/schemas/migrations';
import {
  auditEventSchema,
  castUnitSchema,
  hostUnitSchema,
  inviteSchema,
  openidLockSchema,
  personSchema,
  roleBindingSchema,
  societySchema,
  stationSchema,
} from '../../../shared/schemas/org';
import { programmeDefinitionSchema } from '../../../shared/schemas/programme-definition';
import { dayLockSchema, stationRecordSchema, stationTallySchema } from '../../../shared/schemas/records';
import { assessmentSchema, outboxEntrySchema } from '../../../shared/schemas/reports';
import { subscriptionQuotaSchema } from '../../../shared/schemas/subscriptions';
import { collection } from './collection';

/**
 * Every collection of the registry (db/collections.ts) with the shared/schemas entity it stores.
 * Repositories write only through these; each collection is written by exactly one repository:
 *   org: castUnits, societies, hostUnits, persons, stations · identity: bindings, invites, openids ·
 *   stations: records, dayLocks, stationTallies · applications: applications, reviews, objections,
 *   rounds, applicationQuotas, sanctions · assessments: assessments · outbox: outbox · files: files ·
 *   subscriptions: subscriptions · holidays: holidayYears · migrations (_kernel/migrations/runner.ts): migrations · definitions: programmeDefinitions ·
 *   awards: awards · checks: awardChecks · ledger: ledger · consequences: consequences (issue 14) ·
 *   audit: audit · idempotency: requests.
 */
export const tables = {
  castUnits: collection('castUnits', castUnitSchema),
  societies: collection('societies', societySchema),
  hostUnits: collection('hostUnits', hostUnitSchema),
  persons: collection('persons', personSchema),
  bindings: collection('bindings', roleBindingSchema),
  invites: collection('invites', inviteSchema, 'code'),
  openids: collection('openids', openidLockSchema, 'openid'),
  stations: collection('stations', stationSchema),
  records: collection('records', stationRecordSchema),
  dayLocks: collection('dayLocks', dayLockSchema),
  stationTallies: collection('stationTallies', stationTallySchema),
  requests: collection('requests', appliedRequestSchema),
  audit: collection('audit', auditEventSchema),
  rounds: collection('rounds', roundSchema),
  applications: collection('applications', applicationSchema),
  reviews: collection('reviews', storedReviewSchema),
  objections: collection('objections', objectionSchema),
  applicationQuotas: collection('applicationQuotas', applicationQuotaSchema),
  sanctions: collection('sanctions', sanctionSchema),
  outbox: collection('outbox', outboxEntrySchema),
  assessments: collection('assessments', assessmentSchema),
  files: collection('files', fileRecordSchema),
  subscriptions: collection('subscriptions', subscriptionQuotaSchema),
  holidayYears: collection('holidayYears', holidayYearSchema),
  migrations: collection('migrations', migrationRecordSchema),
  programmeDefinitions: collection('programmeDefinitions', programmeDefinitionSchema),
  awards: collection('awards', awardDocSchema),
  awardChecks: collection('awardChecks', checkDocSchema),
  ledger: collection('ledger', ledgerEntrySchema),
  consequences: collection('consequences', consequenceDocSchema),
};
export type TableName = keyof typeof tables;
