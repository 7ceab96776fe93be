import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import {
  invalidSignatureTitle,
  invalidSignatureType,
  missingAuthenticationProblem,
  problemMediaType,
} from '../../shared/http/problem.ts';

export interface ProblemGatewayResponsesProps {
  readonly api: RestApi;
  /** The web form's origin: a browser may read these errors too. */
  readonly allowedOrigin: string;
}

interface GatewayProblem {
  readonly type: ResponseType;
  /** The problem's type URI; `about:blank` (the status says it all) when absent. */
  readonly problemType?: string;
  /** Left out for DEFAULT_4XX/5XX, whose status differs per cause (RFC 9457 makes it optional). */
  readonly status?: number;
  readonly title: string;
  /** A fixed explanation; otherwise API Gateway's own message for the cause. */
  readonly detail?: string;
}

/**
 * Errors API Gateway answers by itself, before a handler runs (no route, unsigned admin request,
 * throttled, WAF-blocked, integration timeout), as RFC 9457 `application/problem+json` like every
 * handler error. `$context.error.messageString` is API Gateway's message already JSON-quoted; the
 * request id is the one in the access log. The request path is left out: the template language
 * would insert it unescaped.
 */
export const gatewayProblems: readonly GatewayProblem[] = [
  { type: ResponseType.DEFAULT_4XX, title: 'The request was refused' },
  { type: ResponseType.DEFAULT_5XX, title: 'The API could not answer' },
  // An unsigned request on a /v1/admin/ route, and (API Gateway cannot tell them apart) a method and
  // path the API does not have: 403 with a detail naming both causes, as the local API answers the first.
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: missingAuthenticationProblem.status,
    problemType: missingAuthenticationProblem.type,
    title: missingAuthenticationProblem.title,
    detail: missingAuthenticationProblem.detail,
  },
  { type: ResponseType.ACCESS_DENIED, status: 403, title: 'Forbidden' },
  {
    type: ResponseType.INVALID_SIGNATURE,
    status: 403,
    problemType: invalidSignatureType,
    title: invalidSignatureTitle,
  },
  { type: ResponseType.EXPIRED_TOKEN, status: 403, title: 'The credentials have expired' },
  { type: ResponseType.UNAUTHORIZED, status: 401, title: 'Unauthorized' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, title: 'The request is not valid' },
  { type: ResponseType.BAD_REQUEST_BODY, status: 400, title: 'The request is not valid' },
  { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: 415, title: 'Unsupported Media Type' },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, title: 'Content Too Large' },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    title: 'Too Many Requests',
    detail: 'The API is busy; retry in a few seconds.',
  },
  {
    type: ResponseType.WAF_FILTERED,
    status: 403,
    title: 'Forbidden',
    detail: 'The request was blocked by the web application firewall.',
  },
  { type: ResponseType.INTEGRATION_FAILURE, status: 502, title: 'Bad Gateway' },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    title: 'Gateway Timeout',
    detail: 'The API did not answer in time; retry later.',
  },
];

/** The response template of one gateway problem (Velocity, rendered by API Gateway). */
export function gatewayProblemTemplate(problem: GatewayProblem): string {
  const fields = [
    `"type":${JSON.stringify(problem.problemType ?? 'about:blank')}`,
    `"title":${JSON.stringify(problem.title)}`,
    ...(problem.status === undefined ? [] : [`"status":${problem.status}`]),
    `"detail":${problem.detail === undefined ? '$context.error.messageString' : JSON.stringify(problem.detail)}`,
    '"requestId":"$context.requestId"',
  ];
  return `{${fields.join(',')}}`;
}

export class ProblemGatewayResponses extends Construct {
  constructor(scope: Construct, id: string, props: ProblemGatewayResponsesProps) {
    super(scope, id);
    // Header values are mapping expressions: a literal is single-quoted.
    const headers = {
      'Content-Type': `'${problemMediaType}'`,
      'Cache-Control': "'no-store'",
      'Access-Control-Allow-Origin': `'${props.allowedOrigin}'`,
      Vary: "'Origin'",
    };
    for (const problem of gatewayProblems) {
      props.api.addGatewayResponse(problem.type.responseType, {
        type: problem.type,
        ...(problem.status === undefined ? {} : { statusCode: String(problem.status) }),
        responseHeaders: headers,
        templates: { 'application/json': gatewayProblemTemplate(problem) },
      });
    }
  }
}
