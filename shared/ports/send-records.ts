/**
 * One record per (wave, recipient), written only with conditional writes, which is what makes a
 * wave exactly-once under duplicate deliveries, re-driven batches and crashes:
 *
 *   (none) ──claim──▶ sending ──SES accepted──▶ sent
 *     │                 │  ╲──SES refused for good──▶ failed
 *     │                 ╰──SES refused for now (throttled, 5xx)──▶ pending ──claim──▶ sending …
 *     ╰──suppressed / opted out / submission in──▶ suppressed | unsubscribed | already-submitted
 *
 * `sending` is claimed with an attempt id before SES is called. When the sender cannot tell whether
 * SES accepted the email (a crash, a lost response), the record stays `sending`: SES's own Send
 * event (through the configuration set) then marks it `sent`, and only when no such event has come
 * long after the claim (`sendingGraceMilliseconds`) may another attempt take it over. That is the
 * trade-off: never a second email while SES's events flow, at the price of a late email after a
 * crash before SES was reached.
 */
export const sendStates = [
  'pending',
  'sending',
  'sent',
  'suppressed',
  'unsubscribed',
  'already-submitted',
  'failed',
] as const;

export type SendState = (typeof sendStates)[number];

export interface WaveRef {
  readonly consultationId: string;
  readonly waveId: string;
}

export interface SendRecord {
  readonly addressKey: string;
  readonly state: SendState;
  readonly attempt?: string;
  readonly claimedAt?: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly bounced?: boolean;
  readonly complained?: boolean;
  readonly failure?: string;
}

export interface DeliveryFigures {
  readonly recipients: number;
  readonly sent: number;
  readonly bounced: number;
  readonly complained: number;
  readonly suppressed: number;
  readonly unsubscribed: number;
  /** Not sent: a deadline reminder to someone whose submission was in for every call of the wave. */
  readonly alreadySubmitted: number;
  readonly failed: number;
  /** Claimed or waiting to be retried: not final yet. */
  readonly inProgress: number;
}

export type DeliveryEvent =
  | { readonly kind: 'accepted'; readonly messageId: string; readonly at: Date }
  | { readonly kind: 'bounced' | 'complained'; readonly at: Date };

export interface SendRecords {
  getMany(wave: WaveRef, addressKeys: readonly string[]): Promise<ReadonlyMap<string, SendRecord>>;
  /**
   * Claims the recipient for `attempt`: creates the record as `sending`, or moves it from `pending`
   * or from a `sending` left by `previous.attempt`. False when someone else changed it first.
   */
  claim(
    wave: WaveRef,
    addressKey: string,
    attempt: string,
    at: Date,
    previous?: SendRecord,
  ): Promise<boolean>;
  markSent(wave: WaveRef, addressKey: string, attempt: string, messageId: string, at: Date): Promise<void>;
  /** Back to `pending` after SES refused the email for now; only by the attempt that claimed it. */
  release(wave: WaveRef, addressKey: string, attempt: string): Promise<void>;
  /** `failed` after SES refused the email for good; only by the attempt that claimed it. */
  fail(wave: WaveRef, addressKey: string, attempt: string, reason: string, at: Date): Promise<void>;
  /** Records that nothing is sent to the recipient, unless something already was. */
  skip(
    wave: WaveRef,
    addressKey: string,
    state: 'suppressed' | 'unsubscribed' | 'already-submitted',
    at: Date,
  ): Promise<void>;
  /** What SES reported for a message of the wave; ignored when the record does not exist. */
  recordEvent(wave: WaveRef, addressKey: string, event: DeliveryEvent): Promise<void>;
  figures(wave: WaveRef): Promise<DeliveryFigures>;
}
