import type { HttpFunctionName } from '../../../functions/manifest.ts';
import {
  adminCallParams,
  adminConsultationParams,
  adminPhaseParams,
  callDatesChangeBody,
  dateChangeResponseSchema,
  extensionGrantBody,
  extensionGrantResponseSchema,
  phaseDatesChangeBody,
  reconcileReportSchema,
} from '../admin.ts';
import type { RouteContract } from '../route-contract.ts';

/** The Secretariat's routes (IAM-signed, under /v1/admin). */
export const adminRoutes = {
  'change-call-dates': {
    summary: 'Move a call’s dates',
    description:
      'Moves a call’s opening and/or deadline (e.g. the photo contest from 7 to 11 March). Past dates stay ' +
      'as they are and new dates lie in the future; the change is stored under an optimistic lock, recorded ' +
      'in the audit trail with the signer and the reason, and the schedules are reconciled at once. The ' +
      'response shows the schedule diff. Repeating the same change answers `unchanged`.',
    tags: ['admin'],
    params: adminCallParams,
    body: callDatesChangeBody,
    responses: { 200: { description: 'Stored and reconciled', schema: dateChangeResponseSchema } },
    problems: [400, 403, 404, 409, 413, 415, 422],
  },
  'change-phase-dates': {
    summary: 'Move a phase (and its meeting)',
    description:
      'Moves a phase’s start and/or end; a meeting occupies its phase’s slot, so this also moves the ' +
      'meeting. Same rules and response as moving a call’s dates.',
    tags: ['admin'],
    params: adminPhaseParams,
    body: phaseDatesChangeBody,
    responses: { 200: { description: 'Stored and reconciled', schema: dateChangeResponseSchema } },
    problems: [400, 403, 404, 409, 413, 415, 422],
  },
  'grant-extension': {
    summary: 'Extend one submitter’s deadline',
    description:
      'Grants a submitter (by email address or organization) an extended deadline in one call, for a ' +
      'stated reason. The submission deadline check honours it; it replaces an earlier extension for ' +
      'the same grantee and call, and is recorded in the audit trail.',
    tags: ['admin'],
    params: adminCallParams,
    body: extensionGrantBody,
    responses: { 201: { description: 'Granted', schema: extensionGrantResponseSchema } },
    problems: [400, 403, 404, 413, 415, 422],
  },
  'reconcile-schedules': {
    summary: 'Reconcile the consultation’s schedules',
    description:
      'Makes the schedule group match the stored calendar (create, update, delete) and applies, once, ' +
      'past transitions not yet applied. Idempotent; run after seeding a deployment.',
    tags: ['admin'],
    params: adminConsultationParams,
    responses: { 200: { description: 'Reconciled', schema: reconcileReportSchema } },
    problems: [400, 403, 404],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
