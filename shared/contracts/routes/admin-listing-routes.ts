import * as z from 'zod';
import type { HttpFunctionName } from '../../../functions/manifest.ts';
import { actionLineSchema, actionLines } from '../../domain/action-lines.ts';
import { callKinds, consultationIdSchema } from '../../domain/consultation-definition.ts';
import { countryCodeSchema } from '../../domain/country-codes.ts';
import { instantSchema } from '../../domain/instant.ts';
import { decodeListingCursor } from '../../domain/listing-cursor.ts';
import { stakeholderTypeSchema, stakeholderTypes } from '../../domain/stakeholder-type.ts';
import { submissionStatuses } from '../../domain/submission.ts';
import { personalDataColumns } from '../../domain/submission-export.ts';
import { unRegionIds, unSubRegionIds } from '../../domain/un-m49-regions.ts';
import type { RouteContract } from '../route-contract.ts';

/**
 * Contracts of the Secretariat's list, export and statistics of submissions (issue #7, part A).
 * Query strings are strict: a misspelt filter is refused with its name rather than ignored, which
 * would silently list everything.
 */
export const adminSubmissionsParams = z.strictObject({ id: consultationIdSchema });

const filterFields = {
  call: z.enum(callKinds).optional(),
  status: z.enum(submissionStatuses).optional(),
  stakeholderType: stakeholderTypeSchema.optional(),
  country: countryCodeSchema.optional(),
  region: z.enum(unRegionIds).optional().meta({
    description: 'UN M49 region of the submitter’s country: africa, americas, asia, europe, oceania.',
  }),
  subRegion: z
    .enum(unSubRegionIds)
    .optional()
    .meta({ description: 'UN M49 sub-region, e.g. sub-saharan-africa, latin-america-and-the-caribbean.' }),
  actionLine: actionLineSchema.optional(),
  // Query values arrive as text.
  sdg: z.coerce.number().int().min(1).max(17).optional().meta({ description: 'An SDG number, 1 to 17.' }),
  q: z.string().trim().min(1).max(200).optional().meta({
    description:
      'Free text, case-insensitive, in the title, body, organization and reference (never in names or addresses).',
  }),
};

export const listSubmissionsQuery = z.strictObject({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Page size, 1 to 200.' }),
  cursor: z
    .string()
    .max(512)
    .transform((cursor, context) => {
      const position = decodeListingCursor(cursor);
      if (position === undefined) {
        context.addIssue({
          code: 'custom',
          message: 'Not a cursor this API issued: pass `nextCursor` as received, or start without one',
        });
        return z.NEVER;
      }
      return position;
    })
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page, as received.' }),
});

export const exportSubmissionsQuery = z.strictObject({
  ...filterFields,
  format: z.enum(['csv', 'json']).default('csv'),
  personalData: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({
      description: `With \`true\`, also the personal-data columns: ${personalDataColumns.join(', ')}.`,
    }),
});

const submissionSummarySchema = z
  .strictObject({
    id: z.string(),
    reference: z.string(),
    call: z.enum(callKinds),
    status: z.enum(submissionStatuses),
    title: z.string(),
    stakeholderType: stakeholderTypeSchema,
    organization: z.string(),
    country: countryCodeSchema,
    region: z.enum(unRegionIds).nullable().meta({ description: 'null for Antarctica, in no M49 region.' }),
    subRegion: z.enum(unSubRegionIds).nullable(),
    actionLines: z.array(actionLineSchema),
    sdgs: z.array(z.int()),
    createdAt: instantSchema,
    submittedAt: instantSchema.optional(),
    withdrawnAt: instantSchema.optional(),
  })
  .meta({ id: 'AdminSubmissionSummary' });

export const submissionListSchema = z
  .strictObject({
    consultationId: z.string(),
    items: z.array(submissionSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'AdminSubmissionList' });

const counts = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), z.int().min(0));

export const adminStatsSchema = z
  .strictObject({
    consultationId: z.string(),
    at: instantSchema,
    calls: z.array(
      z.strictObject({
        call: z.enum(callKinds),
        draft: z.int().min(0),
        submitted: z.int().min(0),
        withdrawn: z.int().min(0),
      }),
    ),
    submitted: z.strictObject({
      total: z.int().min(0),
      byCall: z.record(z.string(), z.int().min(0)),
      byStakeholderType: counts(stakeholderTypes),
      byRegion: counts(unRegionIds),
      withoutRegion: z.int().min(0),
      bySubRegion: counts(unSubRegionIds),
      byCountry: z.record(z.string(), z.int().min(0)),
      byActionLine: counts(actionLines),
      bySdg: z.record(z.string(), z.int().min(0)),
    }),
  })
  .meta({ id: 'AdminSubmissionStatistics', description: 'Counts only, from non-personal fields.' });

const noStore = { 'Cache-Control': 'no-store: the figures and the personal data never sit in a cache.' };

export const adminListingRouteContracts = {
  'admin-list-submissions': {
    summary: 'List a consultation’s submissions (Secretariat)',
    description:
      'Newest first (creation instant, then id), filtered by call, status, stakeholder type, country, UN M49 ' +
      'region or sub-region, action line, SDG and free text, a page of `limit` at a time with an opaque ' +
      '`cursor`. Each item is a summary that shows the organization but not the submitter’s name or email: ' +
      'those are personal data, shown only in an export that asks for them (and is audited), so a list on a ' +
      'shared screen or in a log exposes no one.',
    tags: ['admin'],
    params: adminSubmissionsParams,
    query: listSubmissionsQuery,
    responses: {
      200: { description: 'A page of submissions', schema: submissionListSchema, headers: noStore },
    },
    problems: [400, 403, 404],
  },
  'admin-export-submissions': {
    summary: 'Export a consultation’s submissions (CSV or JSON)',
    description:
      'Every submission matching the filters (those of the list), ordered by reference, one row per submission. ' +
      'CSV (default): UTF-8 with a byte order mark, RFC 4180 quoting, CRLF, a header row; multi-valued fields ' +
      'joined with `; `; a cell beginning with =, +, - or @ gets a leading apostrophe so a spreadsheet never ' +
      'runs it as a formula. `format=json`: the same columns as JSON. Personal-data columns only with ' +
      '`personalData=true`. Every export is recorded in the audit trail (who, when, filters, whether it held ' +
      'personal data, rows). An export larger than a Lambda response can carry is refused with 422 ' +
      '`/problems/export-too-large`: narrow it with the filters (e.g. one call at a time).',
    tags: ['admin'],
    params: adminSubmissionsParams,
    query: exportSubmissionsQuery,
    responses: {
      200: {
        description: 'The export, as an attachment (JSON with `format=json`)',
        mediaType: 'text/csv',
        schema: z.string(),
        headers: {
          'Content-Disposition':
            'attachment; filename="<consultation>-submissions[-with-personal-data]-<instant>.csv|json"',
          'X-Row-Count': 'How many submissions the file holds.',
          ...noStore,
        },
      },
    },
    problems: [400, 403, 404, 422],
  },
  'get-admin-stats': {
    summary: 'Submission statistics for the Secretariat',
    description:
      'Each call’s submissions by status, and the submitted ones by call, stakeholder type, UN M49 region and ' +
      'sub-region, country, action line and SDG. Counted from non-personal fields only, so erasing a ' +
      'person’s data leaves every figure unchanged.',
    tags: ['admin'],
    params: adminSubmissionsParams,
    responses: { 200: { description: 'The counts', schema: adminStatsSchema, headers: noStore } },
    problems: [400, 403, 404],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
