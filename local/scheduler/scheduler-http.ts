import type { IncomingMessage, ServerResponse } from 'node:http';
import { SchedulerApiError, validationError } from './scheduler-errors.ts';
import {
  parseCreateGroupRequest,
  parseGroupName,
  parseListGroupsRequest,
  parseListSchedulesRequest,
  parseScheduleName,
  parseScheduleRequest,
  parseTagResourceRequest,
  parseUntagKeys,
  type Tag,
} from './scheduler-requests.ts';
import type { ScheduleDefinition, SchedulerStore, StoredGroup, StoredSchedule } from './scheduler-store.ts';

/**
 * The Scheduler REST API (restJson1) over a SchedulerStore: routes as in the service model
 * (`POST /schedules/{Name}`, `GET /schedule-groups`, ...), PascalCase JSON members, timestamps as
 * epoch seconds, errors as an `x-amzn-errortype` header plus a `{"Message"}` body.
 */

export interface SchedulerHttpRequest {
  readonly method: string;
  /** Path as sent, still percent-encoded: an ARN label carries encoded slashes. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface SchedulerHttpResponse {
  readonly statusCode: number;
  readonly errorType?: string;
  readonly body: Readonly<Record<string, unknown>>;
}

const epochSeconds = (date: Date): number => date.getTime() / 1000;

function withoutUndefined(members: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined));
}

function wireTarget(definition: ScheduleDefinition): Record<string, unknown> {
  const { target } = definition;
  return withoutUndefined({
    ...target.targetParameters,
    Arn: target.arn,
    RoleArn: target.roleArn,
    Input: target.input,
    RetryPolicy: {
      MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds,
      MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
    },
    DeadLetterConfig: target.deadLetterArn === undefined ? undefined : { Arn: target.deadLetterArn },
  });
}

function wireSchedule({
  definition,
  creationDate,
  lastModificationDate,
}: StoredSchedule): Record<string, unknown> {
  const window = definition.flexibleTimeWindow;
  return withoutUndefined({
    Arn: definition.arn,
    GroupName: definition.groupName,
    Name: definition.name,
    ScheduleExpression: definition.expressionText,
    ScheduleExpressionTimezone: definition.timezone,
    StartDate: definition.startDate === undefined ? undefined : epochSeconds(definition.startDate),
    EndDate: definition.endDate === undefined ? undefined : epochSeconds(definition.endDate),
    Description: definition.description,
    State: definition.state,
    CreationDate: epochSeconds(creationDate),
    LastModificationDate: epochSeconds(lastModificationDate),
    KmsKeyArn: definition.kmsKeyArn,
    Target: wireTarget(definition),
    FlexibleTimeWindow:
      window.mode === 'FLEXIBLE'
        ? { Mode: window.mode, MaximumWindowInMinutes: window.maximumWindowInMinutes }
        : { Mode: window.mode },
    ActionAfterCompletion: definition.actionAfterCompletion,
  });
}

function wireScheduleSummary({ definition, creationDate, lastModificationDate }: StoredSchedule) {
  return {
    Arn: definition.arn,
    Name: definition.name,
    GroupName: definition.groupName,
    State: definition.state,
    CreationDate: epochSeconds(creationDate),
    LastModificationDate: epochSeconds(lastModificationDate),
    Target: { Arn: definition.target.arn },
  };
}

function wireGroup(group: StoredGroup) {
  return {
    Arn: group.arn,
    Name: group.name,
    State: 'ACTIVE',
    CreationDate: epochSeconds(group.creationDate),
    LastModificationDate: epochSeconds(group.lastModificationDate),
  };
}

const wireTags = (tags: readonly Tag[]) => tags.map(({ key, value }) => ({ Key: key, Value: value }));

const ok = (body: Record<string, unknown>): SchedulerHttpResponse => ({ statusCode: 200, body });

function decodeLabel(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw validationError(`Malformed path segment ${segment}`);
  }
}

function route(store: SchedulerStore, request: SchedulerHttpRequest): SchedulerHttpResponse | undefined {
  const [resource, encodedLabel, ...rest] = request.rawPath.split('/').slice(1);
  if (rest.length > 0 || resource === undefined) return undefined;
  const label = encodedLabel === undefined || encodedLabel === '' ? undefined : decodeLabel(encodedLabel);
  const { method, query } = request;

  if (resource === 'schedules' && label === undefined && method === 'GET') {
    const page = store.listSchedules(parseListSchedulesRequest(query));
    return ok(
      withoutUndefined({ Schedules: page.items.map(wireScheduleSummary), NextToken: page.nextToken }),
    );
  }
  if (resource === 'schedules' && label !== undefined) {
    switch (method) {
      case 'POST':
        return ok({ ScheduleArn: store.createSchedule(parseScheduleRequest(label, request.body)).arn });
      case 'PUT':
        return ok({ ScheduleArn: store.updateSchedule(parseScheduleRequest(label, request.body)).arn });
      case 'GET':
        return ok(
          wireSchedule(
            store.getSchedule(parseGroupName(query.get('groupName'), 'groupName'), parseScheduleName(label)),
          ),
        );
      case 'DELETE':
        store.deleteSchedule(parseGroupName(query.get('groupName'), 'groupName'), parseScheduleName(label));
        return ok({});
    }
  }
  if (resource === 'schedule-groups' && label === undefined && method === 'GET') {
    const page = store.listGroups(parseListGroupsRequest(query));
    return ok(withoutUndefined({ ScheduleGroups: page.items.map(wireGroup), NextToken: page.nextToken }));
  }
  if (resource === 'schedule-groups' && label !== undefined) {
    switch (method) {
      case 'POST':
        return ok({ ScheduleGroupArn: store.createGroup(parseCreateGroupRequest(label, request.body)).arn });
      case 'GET':
        return ok(wireGroup(store.getGroup(parseGroupName(label, 'name'))));
      case 'DELETE':
        store.deleteGroup(parseGroupName(label, 'name'));
        return ok({});
    }
  }
  if (resource === 'tags' && label !== undefined) {
    switch (method) {
      case 'GET':
        return ok({ Tags: wireTags(store.tagsOf(label)) });
      case 'POST':
        store.tagResource(label, parseTagResourceRequest(request.body));
        return ok({});
      case 'DELETE':
        store.untagResource(label, parseUntagKeys(query));
        return ok({});
    }
  }
  return undefined;
}

export function handleSchedulerRequest(
  store: SchedulerStore,
  request: SchedulerHttpRequest,
): SchedulerHttpResponse {
  try {
    return (
      route(store, request) ?? {
        statusCode: 404,
        errorType: 'UnknownOperationException',
        body: { Message: `No Scheduler operation for ${request.method} ${request.rawPath}` },
      }
    );
  } catch (error) {
    if (error instanceof SchedulerApiError) {
      return { statusCode: error.statusCode, errorType: error.errorType, body: { Message: error.message } };
    }
    // A local tool: the message helps whoever is debugging more than hiding it would protect anyone.
    const message = error instanceof Error ? error.message : String(error);
    return { statusCode: 500, errorType: 'InternalServerException', body: { Message: message } };
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw validationError('The request body is not valid JSON.');
  }
}

function send(response: ServerResponse, result: SchedulerHttpResponse): void {
  const payload = JSON.stringify(result.body);
  response.writeHead(result.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': crypto.randomUUID(),
    ...(result.errorType === undefined ? {} : { 'x-amzn-errortype': result.errorType }),
  });
  response.end(payload);
}

/** A node:http request listener serving the Scheduler API from `store`. */
export function schedulerRequestListener(store: SchedulerStore) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://scheduler.local');
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    readBody(request)
      .then((body) =>
        handleSchedulerRequest(store, {
          method: request.method ?? 'GET',
          rawPath,
          query: url.searchParams,
          body,
        }),
      )
      .catch((error: unknown) =>
        error instanceof SchedulerApiError
          ? { statusCode: error.statusCode, errorType: error.errorType, body: { Message: error.message } }
          : { statusCode: 500, errorType: 'InternalServerException', body: { Message: String(error) } },
      )
      .then((result) => send(response, result))
      // Only a broken socket gets here; there is no one left to answer.
      .catch((error: unknown) => response.destroy(error instanceof Error ? error : undefined));
  };
}
