import type { PortFactories, Uses } from '../lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  submissionStatisticsInDynamoDb,
  transitionLedgerInDynamoDb,
} from './dynamodb.ts';
import { schedulesInEventBridge } from './scheduler.ts';
import { mailerThroughSes } from './ses.ts';

/**
 * What every function that reconciles schedules composes: the calendar, the schedules, and what a
 * catch-up of a past transition needs (ledger, audit trail, and the close-of-call email with counts).
 */
type ReconcilerPortName =
  | 'consultations'
  | 'transitionLedger'
  | 'auditTrail'
  | 'mailer'
  | 'submissionStatistics'
  | 'schedules';

export type ReconcilerDependencies = Uses<ReconcilerPortName>;

export const reconcilerPorts: PortFactories<ReconcilerPortName> = {
  consultations: consultationsInDynamoDb,
  transitionLedger: transitionLedgerInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
  mailer: mailerThroughSes,
  submissionStatistics: submissionStatisticsInDynamoDb,
  schedules: schedulesInEventBridge,
};
