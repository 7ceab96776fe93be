import { fileURLToPath } from 'node:url';

/** The repository root: where the manifest's entry paths start and package-lock.json lives. */
export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
