import { isIanaTimeZone } from '../../shared/domain/time-zone.ts';
import { parseScheduleExpression, type ScheduleExpression } from './schedule-expression.ts';
import { validationError } from './scheduler-errors.ts';

/**
 * Turns Scheduler requests as they arrive on the wire (restJson1: PascalCase members, epoch-second
 * timestamps) into typed values, refusing what the service refuses with its own style of message.
 */

export type ScheduleState = 'ENABLED' | 'DISABLED';
export type ActionAfterCompletion = 'NONE' | 'DELETE';

export interface RetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeInSeconds: number;
}

export interface ScheduleTarget {
  readonly arn: string;
  readonly roleArn: string;
  readonly input: string | undefined;
  readonly retryPolicy: RetryPolicy;
  readonly deadLetterArn: string | undefined;
  /** Templated-target parameters (SqsParameters, EcsParameters, ...): kept and returned, never interpreted. */
  readonly targetParameters: Readonly<Record<string, unknown>>;
}

export type FlexibleTimeWindow =
  | { readonly mode: 'OFF' }
  | { readonly mode: 'FLEXIBLE'; readonly maximumWindowInMinutes: number };

/** What CreateSchedule and UpdateSchedule both carry: an update replaces the whole definition. */
export interface ScheduleRequest {
  readonly name: string;
  readonly groupName: string;
  readonly expressionText: string;
  readonly expression: Extract<ScheduleExpression, { kind: 'at' }>;
  /** As given; the service evaluates an absent zone as UTC. */
  readonly timezone: string | undefined;
  readonly description: string | undefined;
  readonly state: ScheduleState;
  readonly startDate: Date | undefined;
  readonly endDate: Date | undefined;
  readonly flexibleTimeWindow: FlexibleTimeWindow;
  readonly target: ScheduleTarget;
  readonly actionAfterCompletion: ActionAfterCompletion;
  readonly kmsKeyArn: string | undefined;
  readonly clientToken: string | undefined;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface CreateGroupRequest {
  readonly name: string;
  readonly tags: readonly Tag[];
  readonly clientToken: string | undefined;
}

export interface ListSchedulesRequest {
  readonly groupName: string | undefined;
  readonly namePrefix: string | undefined;
  readonly state: ScheduleState | undefined;
  readonly nextToken: string | undefined;
  readonly maxResults: number;
}

export interface ListGroupsRequest {
  readonly namePrefix: string | undefined;
  readonly nextToken: string | undefined;
  readonly maxResults: number;
}

export const defaultGroupName = 'default';
export const defaultRetryPolicy: RetryPolicy = {
  maximumRetryAttempts: 185,
  maximumEventAgeInSeconds: 86_400,
};
const defaultPageSize = 100;

const namePattern = /^[0-9a-zA-Z-_.]+$/;
const clientTokenPattern = /^[a-zA-Z0-9-_]+$/;
const roleArnPattern = /^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const sqsArnPattern = /^(arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9\-_]+)$/;
const kmsKeyArnPattern = /^arn:aws(-[a-z]+)?:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[0-9a-zA-Z-_]*$/;
const knownTargetMembers = new Set(['Arn', 'RoleArn', 'Input', 'RetryPolicy', 'DeadLetterConfig']);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface StringRules {
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly oneOf?: readonly string[];
}

interface IntegerRules {
  readonly required?: boolean;
  readonly min: number;
  readonly max: number;
}

/** Collects every constraint a request breaks, so one response names them all, as the service does. */
class ConstraintViolations {
  readonly #messages: string[] = [];

  add(value: unknown, path: string, constraint: string): void {
    const shown = typeof value === 'string' ? `'${value}'` : value === undefined ? 'null' : String(value);
    this.#messages.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  string(value: unknown, path: string, rules: StringRules): string | undefined {
    if (value === undefined || value === null) {
      if (rules.required === true) this.add(undefined, path, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(typeof value, path, 'Member must be a string');
      return undefined;
    }
    const before = this.#messages.length;
    if (rules.minLength !== undefined && value.length < rules.minLength) {
      this.add(value, path, `Member must have length greater than or equal to ${rules.minLength}`);
    }
    if (rules.maxLength !== undefined && value.length > rules.maxLength) {
      this.add(value, path, `Member must have length less than or equal to ${rules.maxLength}`);
    }
    if (rules.pattern !== undefined && !rules.pattern.test(value)) {
      this.add(value, path, `Member must satisfy regular expression pattern: ${rules.pattern.source}`);
    }
    if (rules.oneOf !== undefined && !rules.oneOf.includes(value)) {
      this.add(value, path, `Member must satisfy enum value set: [${rules.oneOf.join(', ')}]`);
    }
    return this.#messages.length === before ? value : undefined;
  }

  integer(value: unknown, path: string, rules: IntegerRules): number | undefined {
    if (value === undefined || value === null) {
      if (rules.required === true) this.add(undefined, path, 'Member must not be null');
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(String(value), path, 'Member must be an integer');
      return undefined;
    }
    if (value < rules.min) {
      this.add(value, path, `Member must have value greater than or equal to ${rules.min}`);
      return undefined;
    }
    if (value > rules.max) {
      this.add(value, path, `Member must have value less than or equal to ${rules.max}`);
      return undefined;
    }
    return value;
  }

  /** restJson1 sends timestamps in bodies as epoch seconds, possibly fractional. */
  timestamp(value: unknown, path: string): Date | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.add(String(value), path, 'Member must be a timestamp in epoch seconds');
      return undefined;
    }
    return new Date(Math.round(value * 1000));
  }

  record(value: unknown, path: string, required: boolean): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.add(undefined, path, 'Member must not be null');
      return undefined;
    }
    if (!isRecord(value)) {
      this.add(typeof value, path, 'Member must be a structure');
      return undefined;
    }
    return value;
  }

  /** Throws the collected violations as one ValidationException. */
  throwIfAny(): void {
    const count = this.#messages.length;
    if (count === 0) return;
    const noun = count === 1 ? 'error' : 'errors';
    throw validationError(`${count} validation ${noun} detected: ${this.#messages.join('; ')}`);
  }
}

function requestBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (!isRecord(body)) throw validationError('The request body must be a JSON object');
  return body;
}

export function parseScheduleName(name: string): string {
  const violations = new ConstraintViolations();
  violations.string(name, 'name', { minLength: 1, maxLength: 64, pattern: namePattern });
  violations.throwIfAny();
  return name;
}

/** An absent group means the default group, in every operation that takes one. */
export function parseGroupName(value: string | null | undefined, path: string): string {
  if (value === null || value === undefined) return defaultGroupName;
  const violations = new ConstraintViolations();
  violations.string(value, path, { minLength: 1, maxLength: 64, pattern: namePattern });
  violations.throwIfAny();
  return value;
}

function parseTarget(value: unknown, violations: ConstraintViolations): ScheduleTarget | undefined {
  const target = violations.record(value, 'target', true);
  if (target === undefined) return undefined;
  const arn = violations.string(target.Arn, 'target.arn', { required: true, minLength: 1, maxLength: 1600 });
  const roleArn = violations.string(target.RoleArn, 'target.roleArn', {
    required: true,
    minLength: 1,
    maxLength: 1600,
    pattern: roleArnPattern,
  });
  const input = violations.string(target.Input, 'target.input', { minLength: 1 });
  const retry = violations.record(target.RetryPolicy, 'target.retryPolicy', false);
  const maximumRetryAttempts = violations.integer(
    retry?.MaximumRetryAttempts,
    'target.retryPolicy.maximumRetryAttempts',
    {
      min: 0,
      max: 185,
    },
  );
  const maximumEventAgeInSeconds = violations.integer(
    retry?.MaximumEventAgeInSeconds,
    'target.retryPolicy.maximumEventAgeInSeconds',
    { min: 60, max: 86_400 },
  );
  const deadLetter = violations.record(target.DeadLetterConfig, 'target.deadLetterConfig', false);
  const deadLetterArn = violations.string(deadLetter?.Arn, 'target.deadLetterConfig.arn', {
    minLength: 1,
    maxLength: 1600,
    pattern: sqsArnPattern,
  });
  if (arn === undefined || roleArn === undefined) return undefined;
  const targetParameters = Object.fromEntries(
    Object.entries(target).filter(([member]) => !knownTargetMembers.has(member)),
  );
  return {
    arn,
    roleArn,
    input,
    retryPolicy: {
      maximumRetryAttempts: maximumRetryAttempts ?? defaultRetryPolicy.maximumRetryAttempts,
      maximumEventAgeInSeconds: maximumEventAgeInSeconds ?? defaultRetryPolicy.maximumEventAgeInSeconds,
    },
    deadLetterArn,
    targetParameters,
  };
}

interface FlexibleTimeWindowMembers {
  readonly mode: string | undefined;
  readonly maximumWindowInMinutes: number | undefined;
  readonly windowGiven: boolean;
}

function readFlexibleTimeWindow(
  value: unknown,
  violations: ConstraintViolations,
): FlexibleTimeWindowMembers | undefined {
  const window = violations.record(value, 'flexibleTimeWindow', true);
  if (window === undefined) return undefined;
  return {
    mode: violations.string(window.Mode, 'flexibleTimeWindow.mode', {
      required: true,
      oneOf: ['OFF', 'FLEXIBLE'],
    }),
    maximumWindowInMinutes: violations.integer(
      window.MaximumWindowInMinutes,
      'flexibleTimeWindow.maximumWindowInMinutes',
      { min: 1, max: 1440 },
    ),
    windowGiven: window.MaximumWindowInMinutes !== undefined && window.MaximumWindowInMinutes !== null,
  };
}

function flexibleTimeWindowOf(members: FlexibleTimeWindowMembers): FlexibleTimeWindow {
  if (members.mode === 'FLEXIBLE') {
    if (members.maximumWindowInMinutes === undefined) {
      throw validationError(
        'MaximumWindowInMinutes is required when the FlexibleTimeWindow Mode is FLEXIBLE.',
      );
    }
    return { mode: 'FLEXIBLE', maximumWindowInMinutes: members.maximumWindowInMinutes };
  }
  if (members.windowGiven) {
    throw validationError('MaximumWindowInMinutes must not be set when the FlexibleTimeWindow Mode is OFF.');
  }
  return { mode: 'OFF' };
}

function parseExpression(text: string): Extract<ScheduleExpression, { kind: 'at' }> {
  const expression = parseScheduleExpression(text);
  if (expression === undefined) throw validationError(`Invalid Schedule Expression ${text}.`);
  if (expression.kind !== 'at') {
    throw validationError(
      `Schedule Expression ${text} is valid in EventBridge Scheduler, but this local emulator only runs at() ` +
        'expressions; see schedulerEmulatorLimitations.',
    );
  }
  return expression;
}

export function parseScheduleRequest(name: string, rawBody: unknown): ScheduleRequest {
  const body = requestBody(rawBody);
  const violations = new ConstraintViolations();
  violations.string(name, 'name', { minLength: 1, maxLength: 64, pattern: namePattern });
  const groupName = violations.string(body.GroupName, 'groupName', {
    minLength: 1,
    maxLength: 64,
    pattern: namePattern,
  });
  const expressionText = violations.string(body.ScheduleExpression, 'scheduleExpression', {
    required: true,
    minLength: 1,
    maxLength: 256,
  });
  const timezone = violations.string(body.ScheduleExpressionTimezone, 'scheduleExpressionTimezone', {
    minLength: 1,
    maxLength: 50,
  });
  const description = violations.string(body.Description, 'description', { maxLength: 512 });
  const state = violations.string(body.State, 'state', { oneOf: ['ENABLED', 'DISABLED'] });
  const actionAfterCompletion = violations.string(body.ActionAfterCompletion, 'actionAfterCompletion', {
    oneOf: ['NONE', 'DELETE'],
  });
  const kmsKeyArn = violations.string(body.KmsKeyArn, 'kmsKeyArn', {
    minLength: 1,
    maxLength: 2048,
    pattern: kmsKeyArnPattern,
  });
  const clientToken = violations.string(body.ClientToken, 'clientToken', {
    minLength: 1,
    maxLength: 64,
    pattern: clientTokenPattern,
  });
  const startDate = violations.timestamp(body.StartDate, 'startDate');
  const endDate = violations.timestamp(body.EndDate, 'endDate');
  const target = parseTarget(body.Target, violations);
  const flexibleTimeWindowMembers = readFlexibleTimeWindow(body.FlexibleTimeWindow, violations);
  violations.throwIfAny();
  if (expressionText === undefined || target === undefined || flexibleTimeWindowMembers === undefined) {
    throw validationError('The request is missing a required member.');
  }
  const flexibleTimeWindow = flexibleTimeWindowOf(flexibleTimeWindowMembers);
  const expression = parseExpression(expressionText);
  if (timezone !== undefined && !isIanaTimeZone(timezone)) {
    throw validationError(`Invalid ScheduleExpressionTimezone ${timezone}.`);
  }
  if (startDate !== undefined && endDate !== undefined && endDate.getTime() <= startDate.getTime()) {
    throw validationError('The EndDate you specify must be after the StartDate.');
  }
  return {
    name,
    groupName: groupName ?? defaultGroupName,
    expressionText,
    expression,
    timezone,
    description,
    state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    startDate,
    endDate,
    flexibleTimeWindow,
    target,
    actionAfterCompletion: actionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
    kmsKeyArn,
    clientToken,
  };
}

function parseTagList(value: unknown, path: string, violations: ConstraintViolations): Tag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    violations.add(typeof value, path, 'Member must be a list');
    return [];
  }
  if (value.length > 200) {
    violations.add(value.length, path, 'Member must have length less than or equal to 200');
  }
  const tags: Tag[] = [];
  value.forEach((entry: unknown, index) => {
    const tag = violations.record(entry, `${path}.${index + 1}.member`, true);
    const key = violations.string(tag?.Key, `${path}.${index + 1}.member.key`, {
      required: true,
      minLength: 1,
      maxLength: 128,
    });
    const tagValue = violations.string(tag?.Value, `${path}.${index + 1}.member.value`, {
      required: true,
      minLength: 1,
      maxLength: 256,
    });
    if (key !== undefined && tagValue !== undefined) tags.push({ key, value: tagValue });
  });
  return tags;
}

export function parseCreateGroupRequest(name: string, rawBody: unknown): CreateGroupRequest {
  const body = requestBody(rawBody);
  const violations = new ConstraintViolations();
  violations.string(name, 'name', { minLength: 1, maxLength: 64, pattern: namePattern });
  const tags = parseTagList(body.Tags, 'tags', violations);
  const clientToken = violations.string(body.ClientToken, 'clientToken', {
    minLength: 1,
    maxLength: 64,
    pattern: clientTokenPattern,
  });
  violations.throwIfAny();
  return { name, tags, clientToken };
}

export function parseTagResourceRequest(rawBody: unknown): Tag[] {
  const violations = new ConstraintViolations();
  const body = requestBody(rawBody);
  if (body.Tags === undefined || body.Tags === null) {
    violations.add(undefined, 'tags', 'Member must not be null');
  }
  const tags = parseTagList(body.Tags, 'tags', violations);
  violations.throwIfAny();
  return tags;
}

export function parseUntagKeys(query: URLSearchParams): string[] {
  const keys = query.getAll('TagKeys');
  const violations = new ConstraintViolations();
  if (keys.length === 0) violations.add(undefined, 'tagKeys', 'Member must not be null');
  keys.forEach((key, index) => {
    violations.string(key, `tagKeys.${index + 1}.member`, { minLength: 1, maxLength: 128 });
  });
  violations.throwIfAny();
  return keys;
}

function parsePaging(query: URLSearchParams, violations: ConstraintViolations) {
  const namePrefix = violations.string(query.get('NamePrefix') ?? undefined, 'namePrefix', {
    minLength: 1,
    maxLength: 64,
    pattern: namePattern,
  });
  const nextToken = violations.string(query.get('NextToken') ?? undefined, 'nextToken', {
    minLength: 1,
    maxLength: 2048,
  });
  const maxResultsText = query.get('MaxResults');
  const maxResults =
    maxResultsText === null
      ? defaultPageSize
      : violations.integer(Number(maxResultsText), 'maxResults', { min: 1, max: 100 });
  return { namePrefix, nextToken, maxResults: maxResults ?? defaultPageSize };
}

export function parseListSchedulesRequest(query: URLSearchParams): ListSchedulesRequest {
  const violations = new ConstraintViolations();
  const paging = parsePaging(query, violations);
  const groupName = violations.string(query.get('ScheduleGroup') ?? undefined, 'groupName', {
    minLength: 1,
    maxLength: 64,
    pattern: namePattern,
  });
  const state = violations.string(query.get('State') ?? undefined, 'state', {
    oneOf: ['ENABLED', 'DISABLED'],
  });
  violations.throwIfAny();
  return {
    ...paging,
    groupName,
    state: state === 'ENABLED' || state === 'DISABLED' ? state : undefined,
  };
}

export function parseListGroupsRequest(query: URLSearchParams): ListGroupsRequest {
  const violations = new ConstraintViolations();
  const paging = parsePaging(query, violations);
  violations.throwIfAny();
  return paging;
}
