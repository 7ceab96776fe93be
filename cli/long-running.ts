import { type AdminCommand, findCommand, specialRoutes } from './admin-commands.ts';
import type { ApiClient } from './api-client.ts';
import type { CommandRequest } from './command-line.ts';
import type { CommandOption } from './command-options.ts';
import type { Progress } from './progress.ts';

/**
 * The two commands that may take long: a listing followed page by page (`--all`, for any route whose
 * query takes a `cursor`), and an announcement followed until it is delivered (`--wait`). Both only
 * read what the routes answer, so either works with whatever route carries the name.
 */

export function cursorOption(command: AdminCommand): CommandOption | undefined {
  return command.options.find((option) => option.part === 'query' && option.path.join('.') === 'cursor');
}

type JsonRecord = Record<string, unknown>;

const nextCursorNames = ['nextCursor', 'cursor', 'next'];

/** The cursor of the next page, if the page says there is one. */
export function nextCursorOf(page: JsonRecord): { key: string; cursor: string | undefined } | undefined {
  for (const key of nextCursorNames) {
    if (!(key in page)) continue;
    const value = page[key];
    return { key, cursor: typeof value === 'string' && value.length > 0 ? value : undefined };
  }
  return undefined;
}

/** The list a page carries: its first array (e.g. `items`, `submissions`). */
export function itemsKeyOf(page: JsonRecord): string | undefined {
  return Object.keys(page).find((key) => Array.isArray(page[key]));
}

/**
 * Every page, from the first request's cursor on, answered as the first page with the lists of all
 * pages joined and no next cursor.
 */
export async function followPages(
  first: CommandRequest,
  client: ApiClient,
  progress: Progress,
): Promise<unknown> {
  const cursorFlag = cursorOption(first.command);
  let page = await client.json(first);
  if (cursorFlag === undefined || !isRecord(page)) return page;
  const itemsKey = itemsKeyOf(page);
  const cursorAt = nextCursorOf(page);
  if (itemsKey === undefined || cursorAt === undefined) return page;
  const firstPage = page;
  const items: unknown[] = [...(firstPage[itemsKey] as unknown[])];
  const seen = new Set<string>();
  let pages = 1;
  let cursor = cursorAt.cursor;
  while (cursor !== undefined && !seen.has(cursor)) {
    seen.add(cursor);
    progress.update(
      items.length,
      undefined,
      `${plural(items.length, 'item').replace(/^\d+ /, '')}, ${plural(pages, 'page')}`,
    );
    page = await client.json({ ...first, query: { ...first.query, cursor } });
    if (!isRecord(page) || !Array.isArray(page[itemsKey])) break;
    items.push(...(page[itemsKey] as unknown[]));
    pages += 1;
    cursor = nextCursorOf(page)?.cursor;
  }
  progress.finish(`${plural(items.length, 'item')} in ${plural(pages, 'page')}`);
  const { [cursorAt.key]: _cursor, ...rest } = firstPage;
  return { ...rest, [itemsKey]: items };
}

/** The command that reads the delivery figures of what `command` creates (an announcement). */
export function figuresCommandFor(
  command: AdminCommand,
  commands: readonly AdminCommand[],
): AdminCommand | undefined {
  if (command.functionName !== specialRoutes.createAnnouncement) return undefined;
  return findCommand(commands, specialRoutes.announcementFigures);
}

/**
 * The figures request for a created announcement: each path parameter from the create request
 * (the consultation) or from the answer (`announcementId`, or the answer's `id`).
 */
export function figuresRequest(
  created: CommandRequest,
  answer: unknown,
  figures: AdminCommand,
): CommandRequest | undefined {
  const sources = [answer, isRecord(answer) ? answer.announcement : undefined].filter(isRecord);
  const pathParams: Record<string, string> = {};
  for (const option of figures.options.filter((candidate) => candidate.part === 'path')) {
    const name = option.path.join('.');
    const fromAnswer = sources
      .map((source) => source[name] ?? (name.endsWith('Id') ? source.id : undefined))
      .find((value) => typeof value === 'string' || typeof value === 'number');
    const value = created.pathParams[name] ?? (fromAnswer === undefined ? undefined : String(fromAnswer));
    if (value === undefined) return undefined;
    pathParams[name] = value;
  }
  return { command: figures, global: created.global, pathParams, query: {}, headers: {}, body: undefined };
}

export interface DeliveryState {
  readonly done: number;
  readonly total: number | undefined;
  readonly finished: boolean;
}

const finishedStatuses = new Set(['done', 'completed', 'complete', 'finished', 'sent', 'delivered']);
const pendingCounts = ['inProgress', 'pending', 'queued'];

/**
 * How far a delivery is, from figures like a reminder wave's (`recipients`, `inProgress`, ...), at the
 * top level or under `figures`: done when its `status` (or `state`) says so (`sent`, `completed`, ...)
 * or, without one, when recipients are known and none is still pending.
 */
export function deliveryStateOf(figures: unknown): DeliveryState {
  const source =
    isRecord(figures) && isRecord(figures.figures) ? { ...figures, ...figures.figures } : figures;
  if (!isRecord(source)) return { done: 0, total: undefined, finished: true };
  // Recipients get their send record as they are queued: the queued count may run ahead of it.
  const counts = [source.recipients, source.total, source.queuedRecipients].map(numberOf);
  const known = counts.filter((count) => count !== undefined);
  const total = known.length === 0 ? undefined : Math.max(...known);
  const pending = pendingCounts.reduce((sum, key) => sum + (numberOf(source[key]) ?? 0), 0);
  const withRecord = numberOf(source.recipients) ?? total;
  const done = withRecord === undefined ? 0 : Math.max(0, withRecord - pending);
  const stated = source.status ?? source.state;
  const status = typeof stated === 'string' ? stated.toLowerCase() : undefined;
  const finished =
    status !== undefined ? finishedStatuses.has(status) : total !== undefined && total > 0 && pending === 0;
  return { done, total, finished };
}

export interface WaitOptions {
  readonly pollIntervalMs: number;
  /** Gives up (the figures so far are printed) after this long. */
  readonly timeoutMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export async function waitForDelivery(
  request: CommandRequest,
  client: ApiClient,
  progress: Progress,
  options: WaitOptions,
): Promise<{ figures: unknown; finished: boolean }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const figures = await client.json(request);
    const state = deliveryStateOf(figures);
    progress.update(
      state.done,
      state.total,
      state.total === undefined ? undefined : `${state.done}/${state.total} recipients`,
    );
    if (state.finished) {
      progress.finish(`delivered to ${state.done} of ${state.total ?? 0} recipients`);
      return { figures, finished: true };
    }
    if (now() >= deadline) {
      progress.finish(`still delivering (${state.done} of ${state.total ?? '?'} done); stopped waiting`);
      return { figures, finished: false };
    }
    await sleep(options.pollIntervalMs);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
