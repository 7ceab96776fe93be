import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Where new identifiers and secrets come from. Use cases ask this port instead of calling the
 * random generator themselves, so that tests and the benchmark can make them predictable.
 */
export interface IdentifierSource {
  /** A new submission id (a random UUID). */
  submissionId(): string;
  /** A new edit token: 256 random bits, base64url. */
  editToken(): string;
}

export const randomIdentifiers: IdentifierSource = {
  submissionId: () => randomUUID(),
  editToken: () => randomBytes(32).toString('base64url'),
};
