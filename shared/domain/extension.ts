import * as z from 'zod';
import { type Call, callKinds } from './consultation-definition.ts';
import { instantMilliseconds, instantSchema } from './instant.ts';

/**
 * A deadline extension the Secretariat grants one submitter: by email address or by organization,
 * for one call, until an instant, for a stated reason. It lets that submitter keep writing after the
 * call closes; it never opens a call early.
 */
export const extensionGranteeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), email: z.email().max(254) }),
  z.strictObject({ kind: z.literal('organization'), organization: z.string().trim().min(1).max(200) }),
]);

export type ExtensionGrantee = z.output<typeof extensionGranteeSchema>;

export const extensionSchema = z.strictObject({
  call: z.enum(callKinds),
  grantee: extensionGranteeSchema,
  until: instantSchema.meta({
    description: 'The extended deadline: writes are accepted before this instant.',
  }),
  reason: z.string().trim().min(1).max(1000),
  grantedAt: instantSchema,
  grantedBy: z.string().min(1).max(2048).meta({ description: 'Who granted it, e.g. the IAM principal.' }),
});

export type Extension = z.output<typeof extensionSchema>;

/** Who is writing, as far as extensions are concerned. */
export interface SubmitterIdentity {
  readonly email: string;
  readonly organization: string;
}

/**
 * The key an extension is found by: email addresses compare case-insensitively, organization names
 * ignoring case and runs of white space ("Ministry of  Digital economy" is the same organization).
 */
export function granteeKey(grantee: ExtensionGrantee): string {
  return grantee.kind === 'email'
    ? `email#${grantee.email.trim().toLowerCase()}`
    : `organization#${normalizeOrganization(grantee.organization)}`;
}

export function granteeKeysOf(submitter: SubmitterIdentity): [string, string] {
  return [
    granteeKey({ kind: 'email', email: submitter.email }),
    granteeKey({ kind: 'organization', organization: submitter.organization }),
  ];
}

function normalizeOrganization(organization: string): string {
  return organization.trim().replace(/\s+/g, ' ').toLowerCase();
}

export type WriteWindow =
  | { readonly status: 'open'; readonly until: string; readonly extendedBy?: Extension }
  | { readonly status: 'not-open'; readonly opensAt: string }
  | { readonly status: 'closed'; readonly closedAt: string };

/**
 * Whether a submitter may create, edit, submit or withdraw in a call at `at`: the call's own window
 * [opensAt, closesAt), or, for a submitter holding extensions for this call, until the latest of them.
 */
export function writeWindowAt(call: Call, at: Date, extensions: readonly Extension[]): WriteWindow {
  const time = at.getTime();
  if (time < instantMilliseconds(call.opensAt)) return { status: 'not-open', opensAt: call.opensAt };
  const latest = extensions
    .filter((extension) => extension.call === call.kind)
    .reduce<Extension | undefined>(
      (best, extension) =>
        best === undefined || instantMilliseconds(extension.until) > instantMilliseconds(best.until)
          ? extension
          : best,
      undefined,
    );
  const closesAt = instantMilliseconds(call.closesAt);
  if (latest !== undefined && instantMilliseconds(latest.until) > closesAt) {
    return time < instantMilliseconds(latest.until)
      ? { status: 'open', until: latest.until, extendedBy: latest }
      : { status: 'closed', closedAt: latest.until };
  }
  return time < closesAt
    ? { status: 'open', until: call.closesAt }
    : { status: 'closed', closedAt: call.closesAt };
}
