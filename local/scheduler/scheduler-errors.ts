/** The error types of the Scheduler API model, with the HTTP status each one travels with. */
export const schedulerErrorStatus = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  InternalServerException: 500,
} as const;

export type SchedulerErrorType = keyof typeof schedulerErrorStatus;

/** An error the emulator answers with, as the service does: `x-amzn-errortype` plus `{"Message"}`. */
export class SchedulerApiError extends Error {
  readonly errorType: SchedulerErrorType;

  constructor(errorType: SchedulerErrorType, message: string) {
    super(message);
    this.name = errorType;
    this.errorType = errorType;
  }

  get statusCode(): number {
    return schedulerErrorStatus[this.errorType];
  }
}

export const validationError = (message: string): SchedulerApiError =>
  new SchedulerApiError('ValidationException', message);

export const notFoundError = (message: string): SchedulerApiError =>
  new SchedulerApiError('ResourceNotFoundException', message);

export const conflictError = (message: string): SchedulerApiError =>
  new SchedulerApiError('ConflictException', message);
