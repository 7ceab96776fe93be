import type { CallKind } from './consultation-definition.ts';
import type { SubmissionStatus } from './submission.ts';
import type { WaveRecipient } from './wave-recipient.ts';

export interface RecipientSubmission {
  readonly call: CallKind;
  readonly status: SubmissionStatus;
  readonly title: string;
}

export type DeadlineReminderChoice =
  /** Send, about `calls` (a subset of the wave's, in its order), as `recipient` (source and drafts). */
  | { readonly kind: 'send'; readonly calls: readonly CallKind[]; readonly recipient: WaveRecipient }
  /** Nothing is due: the recipient's submission is in for every call of the wave. */
  | { readonly kind: 'already-submitted' };

/**
 * What a deadline reminder says to one recipient, from what they hold in the wave's calls when it
 * is sent, whichever source queued them (a subscriber who is also a draft holder may be queued by
 * either first, and only the first gets through the send record):
 * - any unsubmitted draft in the wave's calls: the draft holder's text, naming every such draft;
 * - otherwise, the calls where their submission is in are left out of the email, and when no call
 *   is left, nothing is sent: a person whose submission is in gets no more reminders for it;
 * - a call where they hold a draft stays in even if another submission of theirs is in there.
 * Someone queued as a draft holder whose draft has since gone (withdrawn) without a submission
 * keeps a reminder without drafts: the call still closes and they had started on it. Drafts read
 * at send time replace the ones queued, which may be stale; when nothing is found, the queued
 * recipient is sent as it is.
 */
export function chooseDeadlineReminder(
  waveCalls: readonly CallKind[],
  recipient: WaveRecipient,
  submissions: readonly RecipientSubmission[],
): DeadlineReminderChoice {
  const inWave = submissions.filter((submission) => waveCalls.includes(submission.call));
  // Nothing found: the recipient as queued. A draft holder's drafts were read from the items at
  // fan-out; finding none now means the index has not caught up with a new draft yet, or the
  // draft was stored before the index existed (a change of status rewrites its index key).
  if (inWave.length === 0) return { kind: 'send', calls: waveCalls, recipient };
  const drafts = waveCalls.flatMap((call) =>
    inWave
      .filter((submission) => submission.call === call && submission.status === 'draft')
      .map((submission) => ({ call, title: submission.title }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  );
  const calls = waveCalls.filter(
    (call) =>
      drafts.some((draft) => draft.call === call) ||
      !inWave.some((submission) => submission.call === call && submission.status === 'submitted'),
  );
  if (calls.length === 0) return { kind: 'already-submitted' };
  const { drafts: _queuedDrafts, ...queued } = recipient;
  return {
    kind: 'send',
    calls,
    recipient: drafts.length > 0 ? { ...queued, source: 'draft-holder', drafts } : queued,
  };
}
