import type { ChangeCalendarDatesResult } from '../use-cases/change-calendar-dates.ts';
import type { HttpResult } from './http-handler.ts';
import { problems } from './problem.ts';

/** The HTTP answer to a date change, shared by the call and phase routes. */
export function dateChangeReply(consultationId: string, result: ChangeCalendarDatesResult): HttpResult {
  switch (result.outcome) {
    case 'consultation-not-found':
      throw problems.consultationNotFound(consultationId);
    case 'not-found':
      throw problems.notFound(result.detail);
    case 'version-conflict':
      throw problems.versionConflict(result.currentVersion);
    case 'invalid':
      throw problems.calendarRule(
        result.errors.map((error) => ({
          path: error.field.startsWith('definition.') ? error.field : `body.${error.field}`,
          message: error.message,
        })),
      );
    default:
      return {
        status: 200,
        headers: { 'Cache-Control': 'no-store' },
        json: {
          consultationId,
          outcome: result.outcome,
          version: result.version,
          changes: result.changes,
          schedules: result.schedules,
        },
      };
  }
}
