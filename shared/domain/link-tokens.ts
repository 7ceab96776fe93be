import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The two kinds of tokens links in emails carry.
 *
 * - Confirmation tokens are random (made by the use case) and stored only as their hash, so a copy
 *   of the table confirms nobody.
 * - Unsubscribe tokens are opaque and signed, not stored: `<consultation id>.<address key>.<mac>`,
 *   the MAC an HMAC-SHA256 under the link-signing secret. They name the address only by its key, so
 *   a forwarded link reveals no address, and they never expire (an old reminder's link must work).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

export interface UnsubscribeSubject {
  readonly consultationId: string;
  readonly addressKey: string;
}

function mac(secret: string, subject: UnsubscribeSubject): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${subject.consultationId}\n${subject.addressKey}`, 'utf8')
    .digest('base64url');
}

export function signUnsubscribeToken(secret: string, subject: UnsubscribeSubject): string {
  return `${subject.consultationId}.${subject.addressKey}.${mac(secret, subject)}`;
}

const tokenPattern = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/** The subject of a token whose MAC is right; undefined for anything else. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeSubject | undefined {
  const match = tokenPattern.exec(token);
  if (match === null) return undefined;
  const [, consultationId, key, given] = match;
  if (consultationId === undefined || key === undefined || given === undefined) return undefined;
  const subject = { consultationId, addressKey: key };
  const expected = Buffer.from(mac(secret, subject), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? subject : undefined;
}
