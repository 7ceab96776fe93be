import type { CallClosedTransition } from '../domain/calendar.ts';
import {
  type ConsultationDefinition,
  localize,
  stakeholderTypes,
} from '../domain/consultation-definition.ts';
import { zonedWallTime } from '../domain/time-zone.ts';
import type { OutgoingEmail } from '../ports/mailer.ts';
import type { CallSubmissionCounts } from '../ports/submission-statistics.ts';

/**
 * The Secretariat's email when a call closes: which call, at what official time, and how many
 * submissions it received, by stakeholder type. Counts only, never a submitter's data.
 */
const stakeholderTypeLabels: Readonly<Record<(typeof stakeholderTypes)[number], string>> = {
  government: 'Government',
  'private-sector': 'Private sector',
  'civil-society': 'Civil society',
  'academia-technical': 'Academia / technical community',
  'international-organization': 'International organizations',
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.codePointAt(0)};`);

export function callClosedNotice(
  definition: ConsultationDefinition,
  transition: CallClosedTransition,
  counts: CallSubmissionCounts | undefined,
): OutgoingEmail {
  const consultation = localize(definition.title, 'en');
  const call = localize(transition.call.title, 'en');
  const official = zonedWallTime(definition.officialTimeZone, new Date(transition.at)).text;
  const lines = [
    `The call "${call}" of ${consultation} closed at ${official} (${transition.at}).`,
    '',
    ...(counts === undefined
      ? ['Submission counts are not available in this deployment.']
      : [
          `Submitted: ${counts.submitted}`,
          `Drafts never submitted: ${counts.drafts}`,
          `Withdrawn: ${counts.withdrawn}`,
          '',
          'Submitted, by stakeholder type:',
          ...stakeholderTypes.map(
            (type) => `  ${stakeholderTypeLabels[type]}: ${counts.submittedByStakeholderType[type]}`,
          ),
        ]),
    '',
    'Late submissions are refused from the deadline on, except for submitters holding an extension.',
  ];
  const subject =
    counts === undefined
      ? `[${definition.id}] Call closed: ${call}`
      : `[${definition.id}] Call closed: ${call} (${counts.submitted} submitted)`;
  return {
    to: [definition.contactEmail],
    subject,
    text: lines.join('\n'),
    html: `<pre style="font-family: inherit">${escapeHtml(lines.join('\n'))}</pre>`,
    tags: { consultation: definition.id, kind: 'call-closed', call: transition.call.kind },
  };
}

/** The submitted count a transition entry reports, for the audit trail and replay. */
export function countsSummary(counts: CallSubmissionCounts | undefined): string {
  return counts === undefined ? 'counts not available' : `${counts.submitted} submitted`;
}
