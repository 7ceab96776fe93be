/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) for the values a submission holds: objects with keys
 * sorted by UTF-16 code units, no white space, strings and numbers serialized as ECMAScript's
 * JSON.stringify does (which is what JCS specifies). The content SHA-256 of a receipt is taken over
 * this text, so anyone can recompute it with any JCS implementation.
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JSON has no representation for non-finite numbers');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // Members whose value is undefined are not part of JSON; they are left out as JSON.stringify does.
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    // The default sort compares UTF-16 code units, which is the order JCS prescribes.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  throw new TypeError(`JSON has no representation for a ${typeof value}`);
}
