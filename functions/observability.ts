import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';

/**
 * Powertools metrics and, when bundled, tracer of a Lambda function: one of each per execution
 * environment, shared by the entry point (cold-start metric, handler subsegment) and the port
 * factories (AWS SDK client subsegments). Service name and namespace come from the environment the
 * CDK construct sets.
 */
export const metrics = new Metrics();

// A build-time switch, not a runtime setting: esbuild replaces `process.env.BUNDLE_POWERTOOLS_TRACER`
// with the stage's choice (infra/constructs/function-bundling.ts) and drops the import when it is off.
// The tracer brings the X-Ray SDK: about 125 KB and 50 ms of init per function, more than the bundle
// budget allows, so it is bundled where traces are wanted more than a small cold start (dev).
// Lambda's active tracing records every invocation either way. Unset (local runtime, tests): off.
const tracing = process.env.BUNDLE_POWERTOOLS_TRACER === 'true' ? await import('./tracing.ts') : undefined;

/** The client, recording each of its calls as an X-Ray subsegment when the tracer is bundled. */
export function traced<TClient>(client: TClient): TClient {
  return tracing === undefined ? client : tracing.tracer.captureAWSv3Client(client);
}

/** The handler's trace subsegment middleware, when the tracer is bundled. */
export function tracingMiddlewares(): MiddlewareObj[] {
  return tracing === undefined ? [] : [tracing.tracedInvocations()];
}
