import * as z from 'zod';
import { normalizeEmailAddress } from './email-address.ts';
import type { SubmissionContent } from './submission-content.ts';

/**
 * Personal data in a submission, and how it is erased. A submission speaks for an organization;
 * the natural persons in it are the submitter (focal point), and in a nomination the nominee and
 * the nominator, and in a workshop request its speakers. Erasing replaces their names, addresses,
 * positions and biographies with fixed markers and leaves what the statistics count untouched:
 * call, status, reference, stakeholder types, countries, action lines, SDGs, language, title,
 * body. Organizations stay: they are not natural persons, and the record of who contributed is
 * the organization's.
 *
 * The markers keep the content valid under its schema (a stored submission is parsed on every
 * read), and `.invalid` is a reserved top-level domain (RFC 2606): no email can ever reach it.
 */
export const erasedText = '[erased]';
export const erasedEmailAddress = 'erased@erased.invalid';

/** Where in a submission an address may appear. */
export const addressRoles = ['submitter', 'nominee', 'nominator'] as const;
export type AddressRole = (typeof addressRoles)[number];

/** The roles in which the submission names the address (normalized comparison). */
export function rolesOfAddress(content: SubmissionContent, address: string): AddressRole[] {
  const wanted = normalizeEmailAddress(address);
  const roles: AddressRole[] = [];
  if (normalizeEmailAddress(content.submitter.email) === wanted) roles.push('submitter');
  if (content.call === 'hltf-nomination') {
    if (normalizeEmailAddress(content.nomination.nominee.email) === wanted) roles.push('nominee');
    if (normalizeEmailAddress(content.nomination.nominator.email) === wanted) roles.push('nominator');
  }
  return roles;
}

export interface ErasedContent {
  readonly content: SubmissionContent;
  /** Paths of the fields replaced, e.g. `submitter.email`; empty when nothing was left to erase. */
  readonly erasedFields: readonly string[];
}

/**
 * Erases the persons in the given roles (`all`: every person the submission names, as retention
 * does, workshop speakers included). Idempotent: erasing erased content changes nothing.
 */
export function eraseFromContent(
  content: SubmissionContent,
  roles: readonly AddressRole[] | 'all',
): ErasedContent {
  const erasedFields: string[] = [];
  const has = (role: AddressRole) => roles === 'all' || roles.includes(role);
  const blank = (path: string, value: string, marker: string): string => {
    if (value === marker) return value;
    erasedFields.push(path);
    return marker;
  };

  let submitter = content.submitter;
  if (has('submitter')) {
    const { timezone, ...rest } = submitter;
    if (timezone !== undefined) erasedFields.push('submitter.timezone');
    submitter = {
      ...rest,
      name: blank('submitter.name', submitter.name, erasedText),
      email: blank('submitter.email', submitter.email, erasedEmailAddress),
    };
  }
  const base = { ...content, submitter };

  if (base.call === 'hltf-nomination') {
    let { nominee, nominator } = base.nomination;
    let bio = base.nomination.bio;
    if (has('nominee')) {
      nominee = {
        ...nominee,
        name: blank('nomination.nominee.name', nominee.name, erasedText),
        email: blank('nomination.nominee.email', nominee.email, erasedEmailAddress),
        position: blank('nomination.nominee.position', nominee.position, erasedText),
      };
      // The biography is the nominee's life in the nominator's words: it goes with the nominee.
      bio = blank('nomination.bio', bio, erasedText);
    }
    if (has('nominator')) {
      nominator = {
        ...nominator,
        name: blank('nomination.nominator.name', nominator.name, erasedText),
        email: blank('nomination.nominator.email', nominator.email, erasedEmailAddress),
      };
    }
    return { content: { ...base, nomination: { nominee, nominator, bio } }, erasedFields };
  }

  if (base.call === 'workshop-request' && roles === 'all') {
    const speakers = base.workshop.speakers.map((speaker, index) => ({
      ...speaker,
      name: blank(`workshop.speakers.${index}.name`, speaker.name, erasedText),
    }));
    return { content: { ...base, workshop: { ...base.workshop, speakers } }, erasedFields };
  }

  return { content: base, erasedFields };
}

/**
 * What was found about an address, or erased, by kind of record: the figures an export or an
 * erasure reports and keeps in the audit trail, never the records themselves.
 */
export const personalDataCountsSchema = z
  .strictObject({
    submissions: z.int().min(0).meta({ description: 'Submissions naming the person.' }),
    subscriptions: z.int().min(0).meta({ description: 'Subscriptions (any status).' }),
    optOuts: z.int().min(0).meta({ description: 'Opt-outs (one-click unsubscribes).' }),
    confirmationEmailCounters: z.int().min(0).meta({ description: 'Daily confirmation-email counters.' }),
    sendRecords: z.int().min(0).meta({ description: 'Reminder send records.' }),
    suppressions: z.int().min(0).meta({ description: 'Suppression (bounce or complaint).' }),
    extensions: z.int().min(0).meta({ description: 'Deadline extensions granted to the address.' }),
    auditEntries: z.int().min(0).meta({ description: 'Audit entries naming the address.' }),
  })
  .meta({ id: 'PersonalDataCounts' });

export type PersonalDataCounts = z.output<typeof personalDataCountsSchema>;

export const noPersonalData: PersonalDataCounts = {
  submissions: 0,
  subscriptions: 0,
  optOuts: 0,
  confirmationEmailCounters: 0,
  sendRecords: 0,
  suppressions: 0,
  extensions: 0,
  auditEntries: 0,
};
