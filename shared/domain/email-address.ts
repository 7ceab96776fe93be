import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * Email addresses as the engine keys them. An address is compared trimmed and lower-cased (local
 * parts are case-sensitive in theory and never in practice), and stored records are keyed by its
 * SHA-256 (the "address key"), so keys, logs and schedule inputs never show the address itself.
 */
export const emailAddressSchema = z
  .email()
  .max(254)
  .meta({ description: 'Email address, e.g. amina.diallo@example.org.' });

export function normalizeEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** A pseudonymous, stable key of an address: base64url SHA-256 of its normalized form. */
export function addressKey(address: string): string {
  return createHash('sha256').update(normalizeEmailAddress(address), 'utf8').digest('base64url');
}
