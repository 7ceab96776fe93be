import { z } from 'zod';
import { problems } from '../shared/http/problem.ts';
import {
  type ControlRequest,
  type ControlRoutes,
  jsonReply,
  problemReply,
} from './api-gateway/api-server.ts';
import type { HttpReply } from './api-gateway/proxy-event.ts';

/**
 * Routes under `/_local/` that exist only in the local runtime: where everything runs, moving the
 * clock, and inspecting or re-delivering what the Scheduler emulator fired.
 */
export interface LocalControls {
  endpoints(): unknown;
  clockNow(): Date;
  clockSpeed: number;
  /** Moves the clock to `at` and fires everything due on the way, in order; answers what fired. */
  advanceClockTo(at: Date): Promise<unknown[]>;
  schedulerHistory(): unknown[];
  redeliver(groupName: string, scheduleName: string): Promise<unknown>;
}

const clockMove = z.strictObject({ at: z.iso.datetime({ offset: true }) });
const redelivery = z.strictObject({ group: z.string().min(1), name: z.string().min(1) });

export function createControlRoutes(controls: LocalControls): ControlRoutes {
  return async (request: ControlRequest): Promise<HttpReply | undefined> => {
    const route = `${request.method} ${request.url.pathname}`;
    switch (route) {
      case 'GET /_local/endpoints':
        return jsonReply(200, controls.endpoints());
      case 'GET /_local/clock':
        return jsonReply(200, { now: controls.clockNow().toISOString(), speed: controls.clockSpeed });
      case 'POST /_local/clock': {
        const parsed = parseBody(request.body, clockMove);
        if ('reply' in parsed) return parsed.reply;
        const at = new Date(parsed.value.at);
        const now = controls.clockNow();
        if (at.getTime() < now.getTime()) {
          return problemReply({
            type: '/problems/clock-backwards',
            title: 'The clock only moves forward',
            status: 409,
            detail: `The clock is at ${now.toISOString()}; it cannot move back to ${at.toISOString()}.`,
          });
        }
        const fired = await controls.advanceClockTo(at);
        return jsonReply(200, { now: controls.clockNow().toISOString(), fired });
      }
      case 'GET /_local/scheduler/history':
        return jsonReply(200, { fired: controls.schedulerHistory() });
      case 'POST /_local/scheduler/fire': {
        const parsed = parseBody(request.body, redelivery);
        if ('reply' in parsed) return parsed.reply;
        try {
          return jsonReply(200, await controls.redeliver(parsed.value.group, parsed.value.name));
        } catch (error) {
          return problemReply(
            problems.notFound(error instanceof Error ? error.message : 'No such schedule.').toDocument(),
          );
        }
      }
      default:
        return undefined;
    }
  };
}

function parseBody<T>(body: Buffer, schema: z.ZodType<T>): { value: T } | { reply: HttpReply } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'The body could not be parsed.';
    return { reply: problemReply(problems.malformedJson(detail).toDocument()) };
  }
  const result = schema.safeParse(json);
  if (result.success) return { value: result.data };
  const errors = result.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return { reply: problemReply(problems.validation(errors).toDocument()) };
}
