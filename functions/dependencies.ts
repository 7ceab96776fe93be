import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { type RuntimeConfig, readRuntimeConfig } from '../shared/config/runtime-config.ts';
import { type Clock, systemClock } from '../shared/ports/clock.ts';
import type { ConsultationRepository } from '../shared/ports/consultation-repository.ts';

/**
 * The composition root: the only place that turns configuration and AWS clients into the ports the
 * use cases take. Lambda builds it once per cold start from its environment; the local runtime and
 * the tests build it from clients pointed at the emulators and the local clock.
 */
export interface Dependencies {
  readonly clock: Clock;
  readonly config: RuntimeConfig;
  readonly consultations: ConsultationRepository;
}

export interface AwsClients {
  readonly dynamoDb: DynamoDBClient;
}

export function createDocumentClient(dynamoDb: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } });
}

export function createDependencies(clients: AwsClients, config: RuntimeConfig, clock: Clock): Dependencies {
  const documents = createDocumentClient(clients.dynamoDb);
  return {
    clock,
    config,
    consultations: createDynamoDbConsultationRepository(documents, config.tableNames.consultations),
  };
}

let lambdaDependencies: Dependencies | undefined;

/** Built on first use, then kept for the life of the execution environment. */
function dependenciesFromEnvironment(): Dependencies {
  lambdaDependencies ??= createDependencies(
    { dynamoDb: new DynamoDBClient({}) },
    readRuntimeConfig(process.env),
    systemClock,
  );
  return lambdaDependencies;
}

type Handler<TEvent, TResult> = (event: TEvent, context: Context) => Promise<TResult>;

/** The Lambda entry point for a handler factory: composes from the environment once, then delegates. */
export function lambdaEntry<TEvent, TResult>(
  createHandler: (dependencies: Dependencies) => Handler<TEvent, TResult>,
): Handler<TEvent, TResult> {
  let handler: Handler<TEvent, TResult> | undefined;
  return (event, context) => {
    handler ??= createHandler(dependenciesFromEnvironment());
    return handler(event, context);
  };
}
