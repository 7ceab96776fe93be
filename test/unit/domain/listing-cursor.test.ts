import { describe, expect, it } from 'vitest';
import { decodeListingCursor, encodeListingCursor } from '../../../shared/domain/listing-cursor.ts';

const position = { createdAt: '2022-03-06T12:00:00.000Z', id: '3f0c9a52-8d4e-4c1b-9a7e-2b5d6c7e8f90' };

describe('list cursors', () => {
  it('are base64url and give back the position they were made from', () => {
    const cursor = encodeListingCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeListingCursor(cursor)).toEqual(position);
  });

  it('refuse anything this API did not write: altered, truncated, padded, or another shape', () => {
    const cursor = encodeListingCursor(position);
    const flipped = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    const reencoded = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    for (const tampered of [
      flipped,
      cursor.slice(0, -3),
      `${cursor}=`,
      `${cursor}!`,
      '',
      'not-a-cursor',
      reencoded({ v: 2, ...position }),
      reencoded({ v: 1, ...position, extra: true }),
      reencoded({ v: 1, createdAt: 'yesterday', id: position.id }),
      reencoded({ v: 1, createdAt: position.createdAt, id: 'a#b' }),
      reencoded({ id: position.id, createdAt: position.createdAt, v: 1 }),
    ]) {
      expect(decodeListingCursor(tampered), tampered).toBeUndefined();
    }
  });
});
