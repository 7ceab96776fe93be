import { describe, expect, it } from 'vitest';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { bearerToken, editTokenHash, editTokenMatches } from '../../../shared/domain/edit-token.ts';
import { entityTag, ifMatchSatisfied, submissionReference } from '../../../shared/domain/submission.ts';
import {
  idempotencyKeySha256,
  openEditToken,
  requestSha256,
  sealEditToken,
} from '../../../shared/use-cases/idempotency-seal.ts';

const officialCall = wsisForum2022.calls[0];
if (officialCall === undefined) throw new Error('The WSIS definition has no calls');

describe('submission references, entity tags and edit tokens', () => {
  it('writes references from the prefixes of the definition, or from the id and the call kind', () => {
    expect(submissionReference(wsisForum2022, officialCall, 42)).toBe('WSIS22-OS-000042');
    expect(submissionReference(wsisForum2022, officialCall, 1_234_567)).toBe('WSIS22-OS-1234567');
    const { referencePrefix: _consultation, ...bare } = wsisForum2022;
    const { referencePrefix: _call, ...bareCall } = officialCall;
    expect(submissionReference(bare, bareCall, 7)).toBe('WSIS-FORUM-2022-OS-000007');
  });

  it('matches If-Match strongly: the current tag, a list holding it, or *; never a weak tag', () => {
    expect(entityTag(3)).toBe('"3"');
    expect(ifMatchSatisfied('"3"', 3)).toBe(true);
    expect(ifMatchSatisfied('"2", "3"', 3)).toBe(true);
    expect(ifMatchSatisfied('*', 3)).toBe(true);
    expect(ifMatchSatisfied('W/"3"', 3)).toBe(false);
    expect(ifMatchSatisfied('"2"', 3)).toBe(false);
    expect(ifMatchSatisfied('3', 3)).toBe(false);
  });

  it('reads bearer tokens and compares them with the stored hash only', () => {
    const token = 'rtMrgxNeVVOB3S0EkIN8uLIcrfzeAhgoPa0TOhG97mY';
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer   ${token} `)).toBe(token);
    expect(bearerToken(`Basic ${token}`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    const stored = editTokenHash(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
    expect(editTokenMatches(token, stored)).toBe(true);
    expect(editTokenMatches(`${token}x`, stored)).toBe(false);
    expect(editTokenMatches(token, 'corrupt')).toBe(false);
  });

  it('seals an edit token so that only the idempotency key opens it', () => {
    const sealed = sealEditToken('the-token', 'key-1', 'wsis-forum-2022');
    expect(sealed).not.toContain('the-token');
    expect(openEditToken(sealed, 'key-1', 'wsis-forum-2022')).toBe('the-token');
    expect(() => openEditToken(sealed, 'key-2', 'wsis-forum-2022')).toThrow();
    expect(() => openEditToken(sealed, 'key-1', 'other-consultation')).toThrow();
    expect(idempotencyKeySha256('key-1')).not.toBe(idempotencyKeySha256('key-2'));
    expect(requestSha256({ a: 1, b: [2] })).toBe(requestSha256({ b: [2], a: 1 }));
  });
});
