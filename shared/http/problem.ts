/**
 * RFC 9457 problem details. Every error the API returns is one of these, as
 * `application/problem+json`. Types are relative URI references under `/problems/`, one per kind of
 * problem a client may want to act on; plain HTTP conditions use `about:blank`.
 */
export interface FieldError {
  /** Where the value is, e.g. `body.submitter.email` or `path.id`. */
  readonly path: string;
  readonly message: string;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export const problemMediaType = 'application/problem+json';

/**
 * An unsigned request on an AWS_IAM route (the Secretariat's /v1/admin/ routes): 403, as the issue
 * asks and as API Gateway itself answers. API Gateway gives the same response type
 * (MISSING_AUTHENTICATION_TOKEN) to a method and path it has no route for, so deployed, an unknown
 * route answers this too (infra/constructs/problem-gateway-responses.ts); the local API tells the two
 * apart and answers an unknown route 404.
 */
export const missingAuthenticationProblem = {
  status: 403,
  type: '/problems/missing-authentication',
  title: 'Missing authentication',
  detail:
    'This route needs a request signed with AWS Signature Version 4 (IAM). Deployed, API Gateway gives the same answer to a method and path it has no route for.',
} as const;

/** A signed request whose signature does not verify (INVALID_SIGNATURE in API Gateway), here and deployed. */
export const invalidSignatureType = '/problems/invalid-signature';
export const invalidSignatureTitle = 'The request signature is not valid';

export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: {
    status: number;
    type?: string;
    title: string;
    detail?: string;
    errors?: readonly FieldError[];
    headers?: Record<string, string>;
    extensions?: Record<string, unknown>;
  }) {
    super(init.detail ?? init.title);
    this.name = 'HttpProblem';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
    this.extensions = init.extensions ?? {};
  }

  toDocument(instance?: string): ProblemDocument {
    return {
      ...this.extensions,
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors === undefined ? {} : { errors: this.errors }),
    };
  }
}

export const problems = {
  validation: (errors: readonly FieldError[]) =>
    new HttpProblem({
      status: 400,
      type: '/problems/validation',
      title: 'The request is not valid',
      detail: `${errors.length} ${errors.length === 1 ? 'field is' : 'fields are'} not valid; see errors.`,
      errors,
    }),
  malformedJson: (detail: string) =>
    new HttpProblem({
      status: 400,
      type: '/problems/malformed-json',
      title: 'The body is not valid JSON',
      detail,
    }),
  notFound: (detail: string) => new HttpProblem({ status: 404, title: 'Not Found', detail }),
  consultationNotFound: (id: string) =>
    new HttpProblem({
      status: 404,
      type: '/problems/consultation-not-found',
      title: 'No such consultation',
      detail: `There is no consultation with id "${id}".`,
    }),
  confirmationLinkInvalid: () =>
    new HttpProblem({
      status: 404,
      type: '/problems/confirmation-link-invalid',
      title: 'This confirmation link is not valid',
      detail: 'The link is unknown, was replaced by a newer request, or has expired. Subscribe again.',
    }),
  unsubscribeLinkInvalid: () =>
    new HttpProblem({
      status: 404,
      type: '/problems/unsubscribe-link-invalid',
      title: 'This unsubscribe link is not valid',
      detail: 'The link was not issued by this service or was altered.',
    }),
  callNotFound: (id: string, call: string) =>
    new HttpProblem({
      status: 404,
      type: '/problems/call-not-found',
      title: 'No such call',
      detail: `The consultation "${id}" has no ${call} call.`,
    }),
  phaseNotFound: (detail: string) =>
    new HttpProblem({ status: 404, type: '/problems/phase-not-found', title: 'No such phase', detail }),
  versionConflict: (currentVersion: number) =>
    new HttpProblem({
      status: 409,
      type: '/problems/version-conflict',
      title: 'The consultation changed since it was read',
      detail: `The stored version is ${currentVersion}. Read the consultation again and repeat the change if it still applies.`,
      extensions: { currentVersion },
    }),
  calendarRule: (errors: readonly FieldError[]) =>
    new HttpProblem({
      status: 422,
      type: '/problems/calendar-rule',
      title: 'The change breaks a rule of the calendar',
      detail: `${errors.length} ${errors.length === 1 ? 'rule is' : 'rules are'} broken; see errors.`,
      errors,
    }),
  /** An unsigned request on an IAM route: see `missingAuthenticationProblem`. */
  missingAuthentication: () => new HttpProblem({ ...missingAuthenticationProblem }),
  invalidSignature: (detail: string) =>
    new HttpProblem({ status: 403, type: invalidSignatureType, title: invalidSignatureTitle, detail }),
  methodNotAllowed: (allowed: readonly string[]) =>
    new HttpProblem({
      status: 405,
      title: 'Method Not Allowed',
      detail: `This resource answers ${allowed.join(', ')}.`,
      headers: { Allow: allowed.join(', ') },
    }),
  notAcceptable: (available: readonly string[]) =>
    new HttpProblem({
      status: 406,
      title: 'Not Acceptable',
      detail: `This resource is available as ${available.join(', ')}.`,
    }),
  payloadTooLarge: (limitBytes: number) =>
    new HttpProblem({
      status: 413,
      title: 'Content Too Large',
      detail: `The body may not exceed ${limitBytes} bytes.`,
    }),
  unsupportedMediaType: (expected: string) =>
    new HttpProblem({
      status: 415,
      title: 'Unsupported Media Type',
      detail: `The body must be sent as ${expected}.`,
      headers: { 'Accept-Post': expected },
    }),
  internal: () =>
    new HttpProblem({
      status: 500,
      title: 'Internal Server Error',
      detail: 'Something went wrong on our side. It has been logged; quote the instance when reporting it.',
    }),
} as const;
