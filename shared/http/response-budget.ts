/**
 * Lambda returns at most 6 MB (6,291,556 bytes) from a synchronous invocation, and the proxy response
 * carries a body as a JSON string beside its headers. 6,000,000 bytes of encoded body leave room for
 * the rest: a larger file is refused with a problem that says how to narrow it, never cut short.
 */
export const responseBodyBudgetBytes = 6_000_000;

/** The bytes a text body takes inside the proxy response: JSON-escaped, so quotes and breaks count twice. */
export function encodedBodyBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8');
}
