import type * as z from 'zod';

/**
 * What a route reads and answers, as data: the handler validates its input with these schemas and
 * the OpenAPI document is generated from the same objects, so the two cannot drift apart.
 */
export interface ResponseContract {
  readonly description: string;
  /** Media type of a successful body; problems are always `application/problem+json`. */
  readonly mediaType?: string;
  readonly schema?: z.ZodType;
  /** Response headers by name, with what they carry. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContract<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  H extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * Request headers the route reads, by lower-case name (a non-strict object: requests carry many
   * other headers). Validated like the rest; `Authorization` is described by `authentication`.
   */
  readonly headers?: H;
  /** Media type the OpenAPI document names for the body; any JSON media type is accepted. */
  readonly bodyMediaType?: string;
  /** `edit-token`: `Authorization: Bearer <edit token>` of the submission named in the path. */
  readonly authentication?: 'edit-token';
  /** Largest accepted body, in bytes of its UTF-8 form. */
  readonly bodyLimitBytes?: number;
  /** Successful responses by status. */
  readonly responses: Readonly<Record<number, ResponseContract>>;
  /** Problem statuses this route may answer, besides the 500 every route may answer. */
  readonly problems: readonly number[];
}
