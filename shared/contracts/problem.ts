import * as z from 'zod';

/** RFC 9457 problem details, as every error response of the API carries them. */
export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: 'URI reference naming the kind of problem; `about:blank` for plain HTTP.' }),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'The request path the problem occurred on.' }),
    requestId: z.string().optional().meta({ description: 'Quote it when reporting a problem.' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'Where the invalid value is, e.g. `body.submitter.email`.' }),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'Every invalid field at once, on validation problems.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });
