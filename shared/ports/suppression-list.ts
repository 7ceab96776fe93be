/** Addresses that bounced permanently or complained: no email goes to them ever again. */
export interface Suppression {
  readonly addressKey: string;
  readonly email: string;
  readonly reason: 'bounce' | 'complaint';
  readonly at: Date;
  /** SES's bounce type or complaint feedback type, for the Secretariat. */
  readonly detail?: string;
}

export interface SuppressionList {
  /** Idempotent: the first suppression of an address is kept. */
  suppress(suppression: Suppression): Promise<void>;
  suppressedAmong(addressKeys: readonly string[]): Promise<ReadonlySet<string>>;
}
