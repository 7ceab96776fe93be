import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger (Powertools): JSON lines with the service name, the Lambda context
 * (request id, function, cold start) once the entry point has added it, and the level from
 * POWERTOOLS_LOG_LEVEL. What may be logged is decided where a log is written: never a request or
 * response body, an email address or a token; identifiers, error names and messages only.
 */
export const logger = new Logger();
