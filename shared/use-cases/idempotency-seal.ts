import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json.ts';

/**
 * The crypto of `Idempotency-Key`: the key is stored only as a hash; the body it came with as a
 * hash of its canonical JSON (so key order and white space do not make a different body); the edit
 * token as AES-256-GCM ciphertext under a key derived (HKDF-SHA-256) from the idempotency key, which
 * the server does not keep. A retry presenting the key gets the token back; the table alone cannot.
 */
export function idempotencyKeySha256(key: string): string {
  return createHash('sha256').update(`idempotency-key:${key}`, 'utf8').digest('hex');
}

export function requestSha256(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

function sealingKey(idempotencyKey: string, consultationId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, consultationId, 'submission-edit-token', 32));
}

export function sealEditToken(token: string, idempotencyKey: string, consultationId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, consultationId), iv);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

export function openEditToken(sealed: string, idempotencyKey: string, consultationId: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    sealingKey(idempotencyKey, consultationId),
    bytes.subarray(0, 12),
  );
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}
