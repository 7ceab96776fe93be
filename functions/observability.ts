import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Powertools metrics and tracer of a Lambda function: one of each per execution environment, shared by
 * the entry point (cold start metric, handler subsegment) and the port factories (AWS SDK client
 * subsegments). Service name and namespace come from the environment the CDK construct sets.
 * Outside Lambda the tracer switches itself off.
 */
export const metrics = new Metrics();
export const tracer = new Tracer();
