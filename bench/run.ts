import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Runs every `bench/*.bench.ts`, one after the other (or those whose names contain the arguments):
 * `npm run bench`, `npm run bench -- create-submission`. Each benchmark prints its own ratio,
 * measured side by side in one run; none of them fails on a number.
 */
const directory = new URL('./', import.meta.url);
const filters = process.argv.slice(2);
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();
if (files.length === 0) throw new Error(`No benchmark matches ${filters.join(', ')}`);
for (const file of files) {
  console.log(`\n## ${file}`);
  const module = (await import(pathToFileURL(new URL(file, directory).pathname).href)) as {
    runBenchmark: () => Promise<void>;
  };
  await module.runBenchmark();
}
