import type { TableKey } from '../shared/adapters/dynamodb/table-definitions.ts';
import type { QueueKey } from '../shared/adapters/sqs/queue-definitions.ts';

/**
 * Every Lambda function of the system, with what triggers it and the access it needs. CDK builds the
 * functions, routes and grants from this list; the local runtime routes HTTP requests and Scheduler
 * deliveries from the same list; the tests check both against it.
 *
 * Convention for each entry file: it exports `handler` (the Lambda entry point, composed from the
 * environment on first use) and `createHandler(dependencies)` (the same handler over given ports,
 * used by the local runtime and the tests).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Trigger =
  | {
      readonly kind: 'http';
      readonly method: HttpMethod;
      /** API Gateway resource path, with `{name}` path parameters. */
      readonly path: string;
      /** `public`: anyone; `iam`: SigV4-signed by a principal allowed to invoke the admin API. */
      readonly authorization: 'public' | 'iam';
    }
  | {
      /** Invoked by EventBridge Scheduler with the schedule's Input as the event. */
      readonly kind: 'schedule-target';
    }
  | {
      /**
       * Consumes a queue of `queueDefinitions` through Lambda's SQS event source (batch size and
       * maximum concurrency from the definition), reporting partial batch failures.
       */
      readonly kind: 'queue';
      readonly queue: QueueKey;
    }
  | {
      /** SES sending events (configuration set → EventBridge default bus, `source: aws.ses`). */
      readonly kind: 'email-events';
    };

export type HttpTrigger = Extract<Trigger, { kind: 'http' }>;

export type Access =
  | { readonly kind: 'table'; readonly table: TableKey; readonly mode: 'read' | 'read-write' }
  | { readonly kind: 'email'; readonly mode: 'send' }
  | { readonly kind: 'schedules'; readonly mode: 'manage' }
  | { readonly kind: 'queue'; readonly queue: QueueKey; readonly mode: 'send' | 'consume' };

export interface FunctionDefinition {
  /** Stable name: the suffix of the deployed function name, and the local runtime's target name. */
  readonly name: string;
  /** Entry file, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly trigger: Trigger;
  readonly access: readonly Access[];
  /** Lambda's timeout; `defaultTimeoutSeconds` when unset. */
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

/** The timeout of a function that names none: CDK deploys it, the local runtime's contexts count down from it. */
export const defaultTimeoutSeconds = 10;

const readConsultations: Access = { kind: 'table', table: 'consultations', mode: 'read' };
const writeSubscriptions: Access = { kind: 'table', table: 'subscriptions', mode: 'read-write' };
const writeDeliveries: Access = { kind: 'table', table: 'deliveries', mode: 'read-write' };
const readSubmissions: Access = { kind: 'table', table: 'submissions', mode: 'read' };
const writeSubmissions: Access = { kind: 'table', table: 'submissions', mode: 'read-write' };
const sendEmail: Access = { kind: 'email', mode: 'send' };
const writeConsultations: Access = { kind: 'table', table: 'consultations', mode: 'read-write' };
const manageSchedules: Access = { kind: 'schedules', mode: 'manage' };
// Reconciling may catch up a past transition, whose effect (a closed call) sends the Secretariat's email.
const reconcilerAccess = [writeConsultations, readSubmissions, manageSchedules, sendEmail];

export const functionManifest = [
  {
    name: 'list-consultations',
    entry: 'functions/list-consultations.ts',
    description: 'Lists the consultations this engine runs',
    trigger: { kind: 'http', method: 'GET', path: '/v1/consultations', authorization: 'public' },
    access: [readConsultations],
  },
  {
    name: 'get-consultation',
    entry: 'functions/get-consultation.ts',
    description: "A consultation's definition and its state at the current instant",
    trigger: { kind: 'http', method: 'GET', path: '/v1/consultations/{id}', authorization: 'public' },
    access: [readConsultations],
  },
  {
    name: 'get-consultation-calendar',
    entry: 'functions/get-consultation-calendar.ts',
    description: "A consultation's phases, meetings and deadlines as an iCalendar feed",
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/consultations/{id}/calendar.ics',
      authorization: 'public',
    },
    access: [readConsultations],
  },
  {
    name: 'get-openapi',
    entry: 'functions/get-openapi.ts',
    description: 'The OpenAPI 3.1 document of the public API, generated from the zod contracts',
    trigger: { kind: 'http', method: 'GET', path: '/v1/openapi.json', authorization: 'public' },
    access: [],
  },
  {
    name: 'create-subscription',
    entry: 'functions/create-subscription.ts',
    description: 'Stores a pending subscription and sends its confirmation email (double opt-in)',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/consultations/{id}/subscriptions',
      authorization: 'public',
    },
    access: [
      readConsultations,
      writeSubscriptions,
      { kind: 'table', table: 'deliveries', mode: 'read' },
      sendEmail,
    ],
  },
  {
    name: 'get-subscription-confirmation-page',
    entry: 'functions/get-subscription-confirmation-page.ts',
    description: 'The page a confirmation link opens; its button confirms',
    trigger: { kind: 'http', method: 'GET', path: '/v1/subscriptions/confirm', authorization: 'public' },
    access: [],
  },
  {
    name: 'confirm-subscription',
    entry: 'functions/confirm-subscription.ts',
    description: 'Confirms a subscription from the token of its confirmation link',
    trigger: { kind: 'http', method: 'POST', path: '/v1/subscriptions/confirm', authorization: 'public' },
    access: [writeSubscriptions],
  },
  {
    name: 'get-unsubscribe-page',
    entry: 'functions/get-unsubscribe-page.ts',
    description: 'The page an unsubscribe link opens; its button unsubscribes',
    trigger: { kind: 'http', method: 'GET', path: '/v1/unsubscribe', authorization: 'public' },
    access: [],
  },
  {
    name: 'unsubscribe',
    entry: 'functions/unsubscribe.ts',
    description: 'One-click unsubscribe (RFC 8058) from a signed token',
    trigger: { kind: 'http', method: 'POST', path: '/v1/unsubscribe', authorization: 'public' },
    access: [writeSubscriptions],
  },
  {
    name: 'get-wave-figures',
    entry: 'functions/get-wave-figures.ts',
    description: "A reminder wave's delivery figures for the Secretariat",
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/waves/{waveId}',
      authorization: 'iam',
    },
    access: [{ kind: 'table', table: 'deliveries', mode: 'read' }],
    timeoutSeconds: 25,
  },
  {
    name: 'start-reminder-wave',
    entry: 'functions/start-reminder-wave.ts',
    description: 'Starts a reminder wave when its schedule fires: queues its recipients page by page',
    trigger: { kind: 'schedule-target' },
    // Recipients: confirmed subscribers (subscriptions) and draft holders (submissions).
    access: [
      readConsultations,
      { kind: 'table', table: 'subscriptions', mode: 'read' },
      readSubmissions,
      writeDeliveries,
      { kind: 'queue', queue: 'reminders', mode: 'send' },
    ],
    timeoutSeconds: 300,
    memoryMb: 1024,
  },
  {
    name: 'send-reminders',
    entry: 'functions/send-reminders.ts',
    description: 'Sends queued reminder batches, each recipient once, paced under the SES rate',
    trigger: { kind: 'queue', queue: 'reminders' },
    access: [
      readConsultations,
      { kind: 'table', table: 'subscriptions', mode: 'read' },
      writeDeliveries,
      sendEmail,
      { kind: 'queue', queue: 'reminders', mode: 'consume' },
      // What a deadline reminder's recipient has submitted or holds as a draft (`bySubmitter`).
      readSubmissions,
    ],
    timeoutSeconds: 300,
  },
  {
    name: 'record-email-events',
    entry: 'functions/record-email-events.ts',
    description:
      'Records SES send, bounce and complaint events; suppresses bounced and complaining addresses',
    trigger: { kind: 'email-events' },
    access: [writeDeliveries],
  },
  {
    name: 'create-submission',
    entry: 'functions/create-submission.ts',
    description:
      'Creates a draft or submitted submission to a call while it accepts writes; sends the receipt',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/consultations/{id}/submissions',
      authorization: 'public',
    },
    // The consultations table holds the calendar and the deadline extensions read at write time.
    access: [readConsultations, writeSubmissions, sendEmail],
  },
  {
    name: 'get-submission',
    entry: 'functions/get-submission.ts',
    description: 'A submission, for the holder of its edit token, with its ETag',
    trigger: { kind: 'http', method: 'GET', path: '/v1/submissions/{id}', authorization: 'public' },
    access: [readSubmissions],
  },
  {
    name: 'update-submission',
    entry: 'functions/update-submission.ts',
    description: 'Applies a JSON merge patch to a submission, with If-Match, while its call accepts writes',
    trigger: { kind: 'http', method: 'PATCH', path: '/v1/submissions/{id}', authorization: 'public' },
    access: [readConsultations, writeSubmissions],
  },
  {
    name: 'submit-submission',
    entry: 'functions/submit-submission.ts',
    description: 'Turns a draft into a submitted submission while its call accepts writes; sends the receipt',
    trigger: { kind: 'http', method: 'POST', path: '/v1/submissions/{id}/submit', authorization: 'public' },
    access: [readConsultations, writeSubmissions, sendEmail],
  },
  {
    name: 'withdraw-submission',
    entry: 'functions/withdraw-submission.ts',
    description: 'Withdraws a submission while its call accepts writes; the record stays',
    trigger: { kind: 'http', method: 'DELETE', path: '/v1/submissions/{id}', authorization: 'public' },
    access: [readConsultations, writeSubmissions],
  },
  {
    name: 'get-submission-stats',
    entry: 'functions/get-submission-stats.ts',
    description: 'Public counts of submissions by call, status and stakeholder type',
    trigger: { kind: 'http', method: 'GET', path: '/v1/consultations/{id}/stats', authorization: 'public' },
    access: [readConsultations, readSubmissions],
  },
  {
    name: 'apply-transition',
    entry: 'functions/apply-transition.ts',
    description: 'Target of every transition schedule: applies a phase or call transition once',
    trigger: { kind: 'schedule-target' },
    // Reads the submissions' counts for the Secretariat's close-of-call email.
    access: [writeConsultations, readSubmissions, sendEmail],
    timeoutSeconds: 30,
  },
  {
    name: 'change-call-dates',
    entry: 'functions/change-call-dates.ts',
    description: "Secretariat: moves a call's opening or deadline and reconciles its schedules",
    trigger: {
      kind: 'http',
      method: 'PATCH',
      path: '/v1/admin/consultations/{id}/calls/{call}',
      authorization: 'iam',
    },
    access: reconcilerAccess,
    timeoutSeconds: 29,
  },
  {
    name: 'change-phase-dates',
    entry: 'functions/change-phase-dates.ts',
    description: 'Secretariat: moves a phase (and the meeting it holds) and reconciles its schedules',
    trigger: {
      kind: 'http',
      method: 'PATCH',
      path: '/v1/admin/consultations/{id}/phases/{number}',
      authorization: 'iam',
    },
    access: reconcilerAccess,
    timeoutSeconds: 29,
  },
  {
    name: 'grant-extension',
    entry: 'functions/grant-extension.ts',
    description: "Secretariat: extends one submitter's deadline in one call",
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/admin/consultations/{id}/calls/{call}/extensions',
      authorization: 'iam',
    },
    access: [writeConsultations],
  },
  {
    name: 'reconcile-schedules',
    entry: 'functions/reconcile-schedules.ts',
    description: "Secretariat and deploy: makes the consultation's schedules match its stored calendar",
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/admin/consultations/{id}/schedules/reconcile',
      authorization: 'iam',
    },
    access: reconcilerAccess,
    timeoutSeconds: 29,
  },
  {
    name: 'get-audit',
    entry: 'functions/get-audit.ts',
    description:
      "Secretariat: the consultation's audit trail (every admin action and transition), filtered, as JSON or CSV",
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/audit',
      authorization: 'iam',
    },
    access: [readConsultations],
    timeoutSeconds: 29,
  },
  {
    name: 'create-announcement',
    entry: 'functions/create-announcement.ts',
    description:
      'Secretariat: an announcement to every confirmed subscriber; stored, audited, and started by a one-time schedule',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/admin/consultations/{id}/announcements',
      authorization: 'iam',
    },
    // The announcement and its audit entry (consultations), its start (a one-time schedule).
    access: [writeConsultations, manageSchedules],
    timeoutSeconds: 29,
  },
  {
    name: 'get-announcement',
    entry: 'functions/get-announcement.ts',
    description: "Secretariat: an announcement's texts, state and delivery figures",
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/announcements/{announcementId}',
      authorization: 'iam',
    },
    access: [readConsultations, { kind: 'table', table: 'deliveries', mode: 'read' }],
    timeoutSeconds: 25,
  },
  {
    name: 'admin-list-submissions',
    entry: 'functions/admin-list-submissions.ts',
    description: "Secretariat: a consultation's submissions, filtered, newest first, a page at a time",
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/submissions',
      authorization: 'iam',
    },
    access: [readConsultations, readSubmissions],
    timeoutSeconds: 29,
  },
  {
    name: 'admin-export-submissions',
    entry: 'functions/admin-export-submissions.ts',
    description: "Secretariat: a consultation's submissions as CSV or JSON; every export is audited",
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/submissions/export',
      authorization: 'iam',
    },
    // The audit trail lives in the consultations table.
    access: [writeConsultations, readSubmissions],
    // Reads every matching submission and builds the file in memory (up to Lambda's 6 MB response).
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    name: 'get-admin-stats',
    entry: 'functions/get-admin-stats.ts',
    description:
      'Secretariat: submission counts by call, status, stakeholder type, region, country, action line, SDG',
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/stats',
      authorization: 'iam',
    },
    access: [readConsultations, readSubmissions],
    timeoutSeconds: 29,
  },
  {
    name: 'admin-get-submission',
    entry: 'functions/admin-get-submission.ts',
    description: 'Secretariat: one submission, whole, with its history',
    trigger: {
      kind: 'http',
      method: 'GET',
      path: '/v1/admin/consultations/{id}/submissions/{submissionId}',
      authorization: 'iam',
    },
    access: [readSubmissions],
  },
  {
    name: 'moderate-workshop-request',
    entry: 'functions/moderate-workshop-request.ts',
    description:
      'Secretariat: accepts, rejects or asks for changes to a workshop request, and emails the submitter',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/admin/consultations/{id}/submissions/{submissionId}/moderation',
      authorization: 'iam',
    },
    // The calendar and extensions (the edit window), the audit trail: the consultations table.
    access: [writeConsultations, writeSubmissions, sendEmail],
  },
  {
    name: 'export-person',
    entry: 'functions/export-person.ts',
    description: 'Secretariat: everything held about an email address, across every table (data protection)',
    trigger: { kind: 'http', method: 'GET', path: '/v1/admin/people/export', authorization: 'iam' },
    // Reads every table; writes only the audit entry (consultations table).
    access: [
      writeConsultations,
      readSubmissions,
      { kind: 'table', table: 'subscriptions', mode: 'read' },
      { kind: 'table', table: 'deliveries', mode: 'read' },
    ],
    timeoutSeconds: 29,
  },
  {
    name: 'erase-person',
    entry: 'functions/erase-person.ts',
    description:
      'Secretariat: erases an email address from every table, keeping every count (data protection)',
    trigger: { kind: 'http', method: 'POST', path: '/v1/admin/people/erase', authorization: 'iam' },
    access: [writeConsultations, writeSubmissions, writeSubscriptions, writeDeliveries],
    timeoutSeconds: 29,
  },
  {
    name: 'erase-consultation-personal-data',
    entry: 'functions/erase-consultation-personal-data.ts',
    description:
      "Target of a consultation's retention schedule: erases the personal data of all its submissions, subscriptions and send records",
    trigger: { kind: 'schedule-target' },
    access: [writeConsultations, writeSubmissions, writeSubscriptions, writeDeliveries],
    timeoutSeconds: 900,
  },
] as const satisfies readonly FunctionDefinition[];

export type FunctionName = (typeof functionManifest)[number]['name'];

type ManifestEntry = (typeof functionManifest)[number];
export type HttpFunction = Extract<ManifestEntry, { trigger: { kind: 'http' } }>;
export type HttpFunctionName = HttpFunction['name'];

export const httpFunctions = functionManifest.filter((fn): fn is HttpFunction => fn.trigger.kind === 'http');
