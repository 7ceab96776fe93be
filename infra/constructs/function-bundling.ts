import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: the CDK construct hands these settings to
 * `NodejsFunction` (which runs esbuild), and the bundle benchmark (`npm run bench:bundles`) hands
 * the same settings to esbuild's API, so the sizes and load times it measures are those of the code
 * Lambda runs. A template test compares the two outputs byte for byte.
 *
 * Pure data and esbuild types only: the benchmark imports it without loading the CDK.
 */

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
    logLevel: 'warning',
  };
}
