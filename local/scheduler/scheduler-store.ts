import { wallTimeToInstant } from '../../shared/domain/time-zone.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import { conflictError, notFoundError, validationError } from './scheduler-errors.ts';
import {
  type CreateGroupRequest,
  defaultGroupName,
  type ListGroupsRequest,
  type ListSchedulesRequest,
  type ScheduleRequest,
  type Tag,
} from './scheduler-requests.ts';

/** A schedule as the emulator keeps it: the request that made it, plus what the service derives. */
export interface ScheduleDefinition extends Omit<ScheduleRequest, 'clientToken'> {
  readonly arn: string;
  /** The zone the expression is read in: the given one, or UTC as the service defaults. */
  readonly effectiveTimezone: string;
  /**
   * When the target is due. For a FLEXIBLE window the service picks a moment within the window; the
   * emulator always takes its start, so runs are reproducible.
   */
  readonly dueAt: Date;
}

export interface StoredSchedule {
  readonly definition: ScheduleDefinition;
  readonly creationDate: Date;
  readonly lastModificationDate: Date;
  /** A one-time schedule kept after its run (ActionAfterCompletion NONE) never runs again. */
  completed: boolean;
}

export interface StoredGroup {
  readonly name: string;
  readonly arn: string;
  readonly creationDate: Date;
  lastModificationDate: Date;
  readonly tags: Map<string, string>;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

export interface SchedulerStoreOptions {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
}

const scheduleKey = (groupName: string, name: string): string => `${groupName}/${name}`;

/** Code-unit order, so listings and firing order do not depend on the machine's locale. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function compareSchedules(a: ScheduleDefinition, b: ScheduleDefinition): number {
  return compareText(a.groupName, b.groupName) || compareText(a.name, b.name);
}

/** Opaque to clients; it names the last item returned, so pages stay right when items come and go. */
function encodePageToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey })).toString('base64url');
}

function decodePageToken(token: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof decoded === 'object' &&
      decoded !== null &&
      'after' in decoded &&
      typeof decoded.after === 'string'
    ) {
      return decoded.after;
    }
  } catch {
    // Falls through to the service's answer for a token it did not issue.
  }
  throw validationError('Invalid NextToken.');
}

function paginate<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  request: { nextToken: string | undefined; maxResults: number },
): Page<T> {
  const after = request.nextToken === undefined ? undefined : decodePageToken(request.nextToken);
  const remaining =
    after === undefined ? sorted : sorted.filter((item) => compareText(keyOf(item), after) > 0);
  const items = remaining.slice(0, request.maxResults);
  const last = items.at(-1);
  const nextToken =
    remaining.length > items.length && last !== undefined ? encodePageToken(keyOf(last)) : undefined;
  return { items, nextToken };
}

/** In-memory state of one emulated account and region; every method answers as the service would. */
export class SchedulerStore {
  readonly #clock: Clock;
  readonly #arnPrefix: string;
  readonly #groups = new Map<string, StoredGroup>();
  readonly #schedules = new Map<string, StoredSchedule>();
  /** ClientToken of each create that succeeded, so a retried create answers as the first one did. */
  readonly #createTokens = new Map<string, string>();

  constructor(options: SchedulerStoreOptions) {
    this.#clock = options.clock;
    this.#arnPrefix = `arn:aws:scheduler:${options.region}:${options.accountId}`;
    const now = this.#clock.now();
    this.#groups.set(defaultGroupName, {
      name: defaultGroupName,
      arn: this.groupArn(defaultGroupName),
      creationDate: now,
      lastModificationDate: now,
      tags: new Map(),
    });
  }

  groupArn(groupName: string): string {
    return `${this.#arnPrefix}:schedule-group/${groupName}`;
  }

  scheduleArn(groupName: string, name: string): string {
    return `${this.#arnPrefix}:schedule/${groupName}/${name}`;
  }

  #requireGroup(groupName: string): StoredGroup {
    const group = this.#groups.get(groupName);
    if (group === undefined) throw notFoundError(`Schedule group ${groupName} does not exist.`);
    return group;
  }

  #define(request: ScheduleRequest): ScheduleDefinition {
    const { clientToken: _clientToken, ...requested } = request;
    const effectiveTimezone = request.timezone ?? 'UTC';
    return {
      ...requested,
      arn: this.scheduleArn(request.groupName, request.name),
      effectiveTimezone,
      // A wall time skipped by a clock change runs after the gap; a repeated one at its first occurrence.
      dueAt: wallTimeToInstant(effectiveTimezone, request.expression.wallClockTime, 'compatible'),
    };
  }

  createSchedule(request: ScheduleRequest): ScheduleDefinition {
    this.#requireGroup(request.groupName);
    const key = scheduleKey(request.groupName, request.name);
    const existing = this.#schedules.get(key);
    const tokenKey = request.clientToken === undefined ? undefined : `schedule:${request.clientToken}`;
    if (existing !== undefined && tokenKey !== undefined && this.#createTokens.get(tokenKey) === key) {
      return existing.definition;
    }
    if (existing !== undefined) throw conflictError(`Schedule ${request.name} already exists.`);
    const now = this.#clock.now();
    const definition = this.#define(request);
    this.#schedules.set(key, { definition, creationDate: now, lastModificationDate: now, completed: false });
    if (tokenKey !== undefined) this.#createTokens.set(tokenKey, key);
    return definition;
  }

  /** An update replaces the whole definition and re-arms a one-time schedule that already ran. */
  updateSchedule(request: ScheduleRequest): ScheduleDefinition {
    const existing = this.getSchedule(request.groupName, request.name);
    const definition = this.#define(request);
    this.#schedules.set(scheduleKey(request.groupName, request.name), {
      definition,
      creationDate: existing.creationDate,
      lastModificationDate: this.#clock.now(),
      completed: false,
    });
    return definition;
  }

  getSchedule(groupName: string, name: string): StoredSchedule {
    this.#requireGroup(groupName);
    const schedule = this.#schedules.get(scheduleKey(groupName, name));
    if (schedule === undefined) throw notFoundError(`Schedule ${name} does not exist.`);
    return schedule;
  }

  /** Undefined rather than an error: the firing loop asks about schedules that may be gone. */
  findSchedule(groupName: string, name: string): StoredSchedule | undefined {
    return this.#schedules.get(scheduleKey(groupName, name));
  }

  deleteSchedule(groupName: string, name: string): void {
    this.getSchedule(groupName, name);
    this.#schedules.delete(scheduleKey(groupName, name));
  }

  listSchedules(request: ListSchedulesRequest): Page<StoredSchedule> {
    const matching = [...this.#schedules.values()]
      .filter(({ definition }) => {
        if (request.groupName !== undefined && definition.groupName !== request.groupName) return false;
        if (request.namePrefix !== undefined && !definition.name.startsWith(request.namePrefix)) return false;
        return request.state === undefined || definition.state === request.state;
      })
      .sort((a, b) => compareSchedules(a.definition, b.definition));
    return paginate(
      matching,
      ({ definition }) => scheduleKey(definition.groupName, definition.name),
      request,
    );
  }

  /** Enabled one-time schedules due at or before `limit` that have not run, in firing order. */
  dueSchedules(limit: Date): StoredSchedule[] {
    return [...this.#schedules.values()]
      .filter(
        ({ definition, completed }) =>
          !completed && definition.state === 'ENABLED' && definition.dueAt.getTime() <= limit.getTime(),
      )
      .sort(
        (a, b) =>
          a.definition.dueAt.getTime() - b.definition.dueAt.getTime() ||
          compareSchedules(a.definition, b.definition),
      );
  }

  /**
   * Applies ActionAfterCompletion once a run is over, unless the schedule was updated or deleted
   * while its target ran (then the newer state wins).
   */
  completeRun(ran: StoredSchedule): void {
    const { groupName, name, actionAfterCompletion } = ran.definition;
    const key = scheduleKey(groupName, name);
    if (this.#schedules.get(key) !== ran) return;
    if (actionAfterCompletion === 'DELETE') this.#schedules.delete(key);
    else ran.completed = true;
  }

  createGroup(request: CreateGroupRequest): StoredGroup {
    const existing = this.#groups.get(request.name);
    const tokenKey = request.clientToken === undefined ? undefined : `group:${request.clientToken}`;
    if (
      existing !== undefined &&
      tokenKey !== undefined &&
      this.#createTokens.get(tokenKey) === request.name
    ) {
      return existing;
    }
    if (existing !== undefined) throw conflictError(`Schedule group ${request.name} already exists.`);
    const now = this.#clock.now();
    const group: StoredGroup = {
      name: request.name,
      arn: this.groupArn(request.name),
      creationDate: now,
      lastModificationDate: now,
      tags: new Map(request.tags.map(({ key, value }) => [key, value])),
    };
    this.#groups.set(request.name, group);
    if (tokenKey !== undefined) this.#createTokens.set(tokenKey, request.name);
    return group;
  }

  getGroup(groupName: string): StoredGroup {
    return this.#requireGroup(groupName);
  }

  /** The service deletes a group's schedules with it (asynchronously there, at once here). */
  deleteGroup(groupName: string): void {
    if (groupName === defaultGroupName) {
      throw validationError('The default schedule group cannot be deleted.');
    }
    this.#requireGroup(groupName);
    for (const [key, schedule] of this.#schedules) {
      if (schedule.definition.groupName === groupName) this.#schedules.delete(key);
    }
    this.#groups.delete(groupName);
  }

  listGroups(request: ListGroupsRequest): Page<StoredGroup> {
    const matching = [...this.#groups.values()]
      .filter((group) => request.namePrefix === undefined || group.name.startsWith(request.namePrefix))
      .sort((a, b) => compareText(a.name, b.name));
    return paginate(matching, (group) => group.name, request);
  }

  /** Only schedule groups carry tags in EventBridge Scheduler. */
  #taggableGroup(resourceArn: string): StoredGroup {
    const prefix = `${this.#arnPrefix}:schedule-group/`;
    if (!resourceArn.startsWith(prefix)) {
      throw validationError(`Invalid ResourceArn ${resourceArn}: only schedule groups can be tagged.`);
    }
    const group = this.#groups.get(resourceArn.slice(prefix.length));
    if (group === undefined) throw notFoundError(`Resource ${resourceArn} does not exist.`);
    return group;
  }

  tagsOf(resourceArn: string): Tag[] {
    return [...this.#taggableGroup(resourceArn).tags].map(([key, value]) => ({ key, value }));
  }

  tagResource(resourceArn: string, tags: readonly Tag[]): void {
    const group = this.#taggableGroup(resourceArn);
    for (const { key, value } of tags) group.tags.set(key, value);
    group.lastModificationDate = this.#clock.now();
  }

  untagResource(resourceArn: string, tagKeys: readonly string[]): void {
    const group = this.#taggableGroup(resourceArn);
    for (const key of tagKeys) group.tags.delete(key);
    group.lastModificationDate = this.#clock.now();
  }
}
