import * as z from 'zod';
import type { ListingPosition } from './submission-listing.ts';

/**
 * The opaque cursor of a list page: base64url of a small JSON document naming the position to
 * resume after. Opaque to clients (they pass it back as received), checked on the way in: a cursor
 * that does not decode, does not hold a position, or is not exactly what this module writes
 * (another base64 spelling, extra fields) is refused rather than guessed at.
 */
const cursorSchema = z.strictObject({
  v: z.literal(1),
  createdAt: z.iso.datetime(),
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
});

export function encodeListingCursor(position: ListingPosition): string {
  return Buffer.from(
    JSON.stringify({ v: 1, createdAt: position.createdAt, id: position.id }),
    'utf8',
  ).toString('base64url');
}

/** The position a cursor names, or undefined when it is not a cursor this API issued. */
export function decodeListingCursor(cursor: string): ListingPosition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) return undefined;
  const position = { createdAt: parsed.data.createdAt, id: parsed.data.id };
  return encodeListingCursor(position) === cursor ? position : undefined;
}
