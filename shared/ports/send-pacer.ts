/**
 * Paces calls to the mail service so that they never go above a rate, in real time (not the
 * consultation clock: SES counts real seconds). `take` waits for the next free slot; `slowDown`
 * pushes every later slot back, after SES said it was throttled.
 */
export interface SendPacer {
  take(): Promise<void>;
  slowDown(milliseconds: number): void;
}
