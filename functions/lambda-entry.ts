import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { type RuntimeConfig, readRuntimeConfig } from '../shared/config/runtime-config.ts';
import { withCors } from '../shared/http/cors.ts';
import { logger } from '../shared/observability/logger.ts';
import { systemClock } from '../shared/ports/clock.ts';
import type { Dependencies } from './dependencies.ts';
import { metrics, tracingMiddlewares } from './observability.ts';

/**
 * The Lambda side of the composition root. Each entry file names the ports its handler uses and the
 * factory of each (`functions/ports/*.ts`), so a function's bundle holds only the AWS clients it
 * needs: the imports are static, so the choice has to be made where the entry imports them.
 *
 *   export const createHandler = (dependencies: Uses<'consultations'>) => httpHandler(...);
 *   export const handler = lambdaEntry(createHandler, { consultations: consultationsInDynamoDb });
 *
 * The local runtime and the tests call `createHandler` with the full `Dependencies` instead.
 */
export type PortName = Exclude<keyof Dependencies, 'clock' | 'config'>;

/** What a handler factory takes: the clock, the config, and the ports named. */
export type Uses<K extends PortName = never> = Pick<Dependencies, K | 'clock' | 'config'>;

/** Builds one port from the config; called at most once per execution environment, on first use. */
export type PortFactory<P extends PortName> = (config: RuntimeConfig) => Dependencies[P];

export type PortFactories<K extends PortName> = { readonly [P in K]: PortFactory<P> };

type Handler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

/**
 * A Lambda entry point, with the names of the ports it composes: what the manifest's `access` list
 * of the function must grant (a unit test holds the two together).
 */
export type LambdaEntry<TEvent, TResult> = Handler<TEvent, TResult> & {
  readonly composedPorts: readonly PortName[];
};

function composeFromEnvironment<K extends PortName>(ports: PortFactories<K>): Uses<K> {
  const config = readRuntimeConfig(process.env);
  const composed: Record<string, unknown> = { clock: systemClock, config };
  for (const [name, factory] of Object.entries<PortFactory<PortName>>(ports)) {
    let port: unknown;
    Object.defineProperty(composed, name, {
      enumerable: true,
      get: () => {
        port ??= factory(config);
        return port;
      },
    });
  }
  // Every name of K was defined above, from `ports`, which the type requires to hold them all.
  return composed as Uses<K>;
}

/**
 * The Lambda entry point for a handler factory: composes from the environment on the first
 * invocation, then delegates. Around every invocation, Powertools adds the Lambda context to the
 * logger (never the event: it holds personal data), opens a traced subsegment without the response
 * (when the tracer is bundled) and publishes the metrics, with a cold-start metric; proxy responses
 * get the CORS headers.
 */
export function lambdaEntry<K extends PortName, TEvent, TResult>(
  createHandler: (dependencies: NoInfer<Uses<K>>) => Handler<TEvent, TResult>,
  ports: PortFactories<K>,
): LambdaEntry<TEvent, TResult> {
  let handler: Handler<TEvent, TResult> | undefined;
  const invoke: Handler<TEvent, TResult> = (event, context) => {
    if (handler === undefined) {
      const dependencies = composeFromEnvironment(ports);
      handler = withCors(createHandler(dependencies), dependencies.config.allowedOrigins ?? []);
    }
    return handler(event, context);
  };
  const entry = middy<TEvent, TResult, Error, Context>(invoke)
    .use(tracingMiddlewares())
    .use(injectLambdaContext(logger, { logEvent: false }))
    .use(publishedMetrics());
  return Object.assign(entry, { composedPorts: Object.keys(ports) as K[] });
}

/**
 * Powertools' `logMetrics` warns on every invocation that records no metric, which is most of them
 * here: this publishes the cold-start metric once and stored metrics only when there are some.
 */
function publishedMetrics(): MiddlewareObj {
  let coldStart = true;
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return {
    before: (request) => {
      if (coldStart) {
        coldStart = false;
        metrics.captureColdStartMetric(request.context.functionName);
      }
    },
    after: publish,
    onError: publish,
  };
}
