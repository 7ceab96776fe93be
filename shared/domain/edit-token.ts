import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The edit token: 256 random bits, base64url (43 characters), shown once to the submitter and in
 * the receipt's edit link. Only its SHA-256 is stored, so a copy of the table lets nobody edit; a
 * presented token is hashed and compared in constant time, so response timing reveals nothing
 * about the stored hash.
 */
export const editTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export function editTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function editTokenMatches(presented: string, storedHash: string): boolean {
  const presentedHash = Buffer.from(editTokenHash(presented), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  // Both are SHA-256 digests: equal lengths, unless the stored value is corrupt.
  return stored.length === presentedHash.length && timingSafeEqual(presentedHash, stored);
}

/** `Authorization: Bearer <token>` → the token, or undefined when the header is absent or not Bearer. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}
