import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Config } from 'aws-ses-v2-local';

/**
 * Starts aws-ses-v2-local (SES v1/v2 API, web inbox, `GET /store`). Loaded through require: the
 * package is CommonJS with an `exports.default`, which Node's ESM loader and vitest's interop expose
 * differently; require reads it the same way everywhere.
 */
export const startSesLocal = (
  createRequire(import.meta.url)('aws-ses-v2-local') as {
    default: (config: Partial<Config>) => Promise<Server>;
  }
).default;

/** What `sesStoreRecipientCounts` reads of the store aws-ses-v2-local keeps in its module. */
interface SesLocalStore {
  readonly emails: readonly { readonly destination: { readonly to: readonly string[] } }[];
}

/**
 * How many emails aws-ses-v2-local's store holds and how many went to each address, read from the
 * store itself (in the thread that runs the server): what a large wave is checked against. `/store`
 * sends every email whole, and the JSON of 100,000 emails is longer than the longest string V8 makes.
 */
export function sesStoreRecipientCounts(): { emails: number; recipients: Record<string, number> } {
  const store = (
    createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as { getStoreReadonly(): SesLocalStore }
  ).getStoreReadonly();
  const recipients: Record<string, number> = {};
  for (const email of store.emails) {
    for (const to of email.destination.to) recipients[to] = (recipients[to] ?? 0) + 1;
  }
  return { emails: store.emails.length, recipients };
}
