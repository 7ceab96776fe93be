import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { servedOpenApiDocument } from '../../shared/contracts/openapi-document.ts';

/**
 * How every function is bundled, in one place: the CDK construct hands these settings to
 * `NodejsFunction` (which runs esbuild), and the bundle benchmark (`npm run bench:bundles`) hands
 * the same settings to esbuild's API, so the sizes and load times it measures are those of the code
 * Lambda runs. A template test compares the two outputs byte for byte.
 *
 * No CDK here: the benchmark imports it without loading the CDK.
 */

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

// esbuild's ESM output has no `require`; bundled CommonJS dependencies that require Node built-ins
// need one, so the bundle starts by creating it from its own URL.
export const requireShim =
  "import { createRequire as __consultationCreateRequire } from 'node:module'; const require = __consultationCreateRequire(import.meta.url);";

export const functionBundling = {
  format: 'esm',
  platform: 'node',
  /** Lambda's nodejs24.x runtime. */
  target: 'node24',
  /** Prefer packages' ESM builds: they tree-shake. */
  mainFields: ['module', 'main'],
  banner: requireShim,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  /** Nothing external: the AWS SDK is bundled, so the version tested is the version run. */
  external: [],
  /** NodejsFunction names the bundle `index.mjs` for ESM; the handler is `index.handler`. */
  outputFileName: 'index.mjs',
} as const;

/** Choices that differ between stages' bundles. */
export interface BundleVariant {
  /** Bundle the Powertools tracer (and the X-Ray SDK): see `functions/observability.ts`. */
  readonly powertoolsTracer: boolean;
}

/** Build-time constants esbuild substitutes, so that code a variant leaves out is not bundled. */
export function bundleDefines(variant: BundleVariant): Record<string, string> {
  return { 'process.env.BUNDLE_POWERTOOLS_TRACER': JSON.stringify(String(variant.powertoolsTracer)) };
}

/** Where bundling writes the modules it generates (git-ignored). */
export const generatedModulesDirectory = path.join(repositoryRoot, '.bundle-generated');

/** The module `#openapi-document` becomes in a bundle: the document's text, generated now. */
export function bundledOpenApiDocumentSource(): string {
  return `export const servedOpenApiDocument = () => ${JSON.stringify(servedOpenApiDocument())};\n`;
}

function writeGenerated(name: string, contents: string): string {
  mkdirSync(generatedModulesDirectory, { recursive: true });
  const file = path.join(generatedModulesDirectory, name);
  // Written aside and renamed: the benchmark and a synth may bundle at the same time.
  const written = `${file}.${process.pid}.tmp`;
  writeFileSync(written, contents);
  renameSync(written, file);
  return file;
}

let aliases: Readonly<Record<string, string>> | undefined;

/**
 * Import paths a bundle resolves to other modules than a run from source does (esbuild's `alias`):
 * - `@aws-sdk/credential-provider-node`, the SDK's default credential chain, becomes its first
 *   link, the environment, which is where Lambda puts a function's credentials
 *   (`shared/adapters/aws/lambda-credential-provider.ts`). The SDK-only bundles of the benchmark
 *   get the same substitute, so they still hold exactly the clients the functions hold.
 * - `#openapi-document` becomes the OpenAPI document generated from the contracts at build time.
 * Generated modules are written once per process, when first asked for.
 */
export function bundleAliases(): Readonly<Record<string, string>> {
  aliases ??= {
    '@aws-sdk/credential-provider-node': path.join(
      repositoryRoot,
      'shared/adapters/aws/lambda-credential-provider.ts',
    ),
    '#openapi-document': writeGenerated('openapi-document.js', bundledOpenApiDocumentSource()),
  };
  return aliases;
}

/** The esbuild API options equal to what `NodejsFunction` passes the esbuild CLI for an entry. */
export function esbuildOptionsFor(entryPoint: string, outfile: string, variant: BundleVariant): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    format: functionBundling.format,
    platform: functionBundling.platform,
    target: functionBundling.target,
    mainFields: [...functionBundling.mainFields],
    banner: { js: functionBundling.banner },
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourcemap,
    sourcesContent: functionBundling.sourcesContent,
    external: [...functionBundling.external],
    define: bundleDefines(variant),
    alias: { ...bundleAliases() },
    logLevel: 'warning',
  };
}
