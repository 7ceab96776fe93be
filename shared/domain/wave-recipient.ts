import type { CallKind } from './consultation-definition.ts';
import type { Language } from './localized-text.ts';

/**
 * One recipient of a wave, as queued for the sender: everything the email needs, so the sender
 * reads nothing per recipient but the guards (send record, suppression, opt-out).
 */
export interface WaveRecipient {
  readonly email: string;
  readonly language: Language;
  /** IANA zone to show times in besides official time. */
  readonly timeZone?: string;
  readonly source: 'subscriber' | 'draft-holder';
  /** A draft holder's unsubmitted drafts in the wave's calls; their titles are the submitters' text. */
  readonly drafts?: readonly { readonly call: CallKind; readonly title: string }[];
}
