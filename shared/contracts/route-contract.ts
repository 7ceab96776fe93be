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
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteContract<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Largest accepted body, in bytes of its UTF-8 form. */
  readonly bodyLimitBytes?: number;
  /** Successful responses by status. */
  readonly responses: Readonly<Record<number, ResponseContract>>;
  /** Problem statuses this route may answer, besides the 500 every route may answer. */
  readonly problems: readonly number[];
}
