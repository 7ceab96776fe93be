import * as z from 'zod';
import { type HttpTrigger, httpFunctions } from '../../functions/manifest.ts';
import { problemMediaType } from '../http/problem.ts';
import { problemSchema } from './problem.ts';
import type { ResponseContract, RouteContract } from './route-contract.ts';
import { routeContracts } from './routes.ts';

/**
 * The OpenAPI 3.1 document, generated from the manifest's routes and the zod contracts (zod 4's
 * own JSON Schema output, draft 2020-12, which OpenAPI 3.1 speaks natively). Schemas that carry a
 * `meta({ id })` become shared components.
 */
type JsonSchema = Record<string, unknown>;

const componentRef = (id: string) => `#/components/schemas/${id}`;

const problemTitles: Readonly<Record<number, string>> = {
  400: 'The request is not valid (every invalid field is listed in `errors`)',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflicts with the current state',
  412: 'The resource changed since it was read',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'Not processable',
  428: 'A precondition header is required',
  500: 'Something went wrong on our side',
};

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const {
      $defs,
      $schema: _dialect,
      ...rest
    } = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, definition] of Object.entries($defs ?? {})) components[id] ??= rewriteRefs(definition);
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === 'string') {
      const { id: _id, ...component } = rest;
      components[id] ??= rewriteRefs(component);
      return { $ref: componentRef(id) };
    }
    return rewriteRefs(rest);
  };

  const problemRef = toSchema(problemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const fn of httpFunctions) {
    const contract: RouteContract = routeContracts[fn.name];
    const trigger: HttpTrigger = fn.trigger;
    const operation = {
      operationId: camelCase(fn.name),
      summary: contract.summary,
      ...(contract.description === undefined ? {} : { description: contract.description }),
      tags: contract.tags,
      parameters: [
        ...parameters(contract.params, 'path', toSchema),
        ...parameters(contract.query, 'query', toSchema),
        ...parameters(contract.headers, 'header', toSchema),
      ],
      ...(contract.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: {
                [contract.bodyMediaType ?? 'application/json']: { schema: toSchema(contract.body, 'input') },
              },
            },
          }),
      responses: {
        ...Object.fromEntries(
          Object.entries(contract.responses).map(([status, response]) => [
            status,
            success(response, toSchema),
          ]),
        ),
        ...Object.fromEntries(
          [...contract.problems, 500].map((status) => [
            String(status),
            {
              description: problemTitles[status] ?? 'Problem',
              content: { [problemMediaType]: { schema: problemRef } },
            },
          ]),
        ),
      },
      ...(trigger.authorization === 'iam' ? { security: [{ sigv4: [] }] } : {}),
      ...(contract.authentication === 'edit-token' ? { security: [{ editToken: [] }] } : {}),
    };
    paths[trigger.path] = { ...paths[trigger.path], [trigger.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Consultation engine API',
      version: '1.0.0',
      description:
        'Public and Secretariat API of the open multistakeholder consultation engine (first: WSIS Forum 2022). ' +
        'Errors are RFC 9457 problem details.',
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    tags: [
      { name: 'consultations', description: 'Consultations, their calendars and state' },
      {
        name: 'submissions',
        description: 'Stakeholder submissions to the calls: drafts, deadlines, receipts, edits, withdrawal',
      },
      { name: 'meta', description: 'About the API itself' },
      { name: 'subscriptions', description: 'Email reminders: double opt-in and one-click unsubscribe' },
      { name: 'admin', description: 'The Secretariat’s routes, signed with AWS SigV4 (IAM)' },
    ],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4 (IAM), for the Secretariat’s /v1/admin routes.',
        },
        editToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The edit token a submission’s creation answered (and its receipt links to).',
        },
      },
    },
  };
}

function success(response: ResponseContract, toSchema: (schema: z.ZodType, io: 'output') => JsonSchema) {
  return {
    description: response.description,
    ...(response.headers === undefined
      ? {}
      : {
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, description]) => [
              name,
              { description, schema: { type: 'string' } },
            ]),
          ),
        }),
    ...(response.schema === undefined
      ? {}
      : {
          content: {
            [response.mediaType ?? 'application/json']: { schema: toSchema(response.schema, 'output') },
          },
        }),
  };
}

function parameters(
  schema: z.ZodType | undefined,
  location: 'path' | 'query' | 'header',
  toSchema: (schema: z.ZodType, io: 'input') => JsonSchema,
): unknown[] {
  if (schema === undefined) return [];
  const objectSchema = toSchema(schema, 'input');
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((objectSchema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (typeof value !== 'object' || value === null) return value;
  const rewritten: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    rewritten[key] =
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
        ? componentRef(inner.slice('#/$defs/'.length))
        : rewriteRefs(inner);
  }
  return rewritten as T;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
