import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

/**
 * The Powertools tracer (X-Ray subsegments for the handler and every AWS SDK call, cold-start and
 * service annotations). Only bundles built with the tracer import this module: see
 * `functions/observability.ts`.
 */
export const tracer = new Tracer();

/** The handler's subsegment; responses hold personal data, so they are never attached to it. */
export const tracedInvocations = () => captureLambdaHandler(tracer, { captureResponse: false });
