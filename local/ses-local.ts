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
