import * as z from 'zod';

/**
 * Command-line options derived from a route's zod contract. The contract is turned into its JSON
 * Schema (the input side, what a caller sends) and each property becomes an option: `closesAt` in the
 * body is `--closes-at`, a nested object's fields are dotted (`--grantee.kind`, `--grantee.email`),
 * and an object as a whole can also be given as JSON (`--grantee '{"kind":"email",...}'`).
 */
export type RequestPart = 'path' | 'query' | 'header' | 'body';

export type OptionValueType = 'string' | 'integer' | 'number' | 'boolean' | 'json';

export interface CommandOption {
  /** The flag without its leading dashes, e.g. `closes-at` or `grantee.email`. */
  readonly flag: string;
  readonly part: RequestPart;
  /** Where the value goes in its part, e.g. `['grantee', 'email']`. */
  readonly path: readonly string[];
  readonly type: OptionValueType;
  /** An array of scalars: the option may be repeated. */
  readonly multiple: boolean;
  /** Required by the contract at the top level of its part. */
  readonly required: boolean;
  readonly enumValues?: readonly string[];
  readonly format?: string;
  readonly description?: string;
}

type JsonSchema = {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly format?: string;
  readonly description?: string;
  readonly default?: unknown;
};

/** The options of one part of a request (path parameters, query, headers or body). */
export function optionsOf(schema: z.ZodType | undefined, part: RequestPart): CommandOption[] {
  if (schema === undefined) return [];
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const resolve = (node: JsonSchema): JsonSchema => {
    let current = node;
    // `.meta({ id })` moves a schema into `$defs`; follow the references to it.
    for (let depth = 0; current.$ref !== undefined && depth < 16; depth += 1) {
      const name = current.$ref.replace(/^#\/\$defs\//, '');
      const target = root.$defs?.[name];
      if (target === undefined) break;
      const { $ref: _ref, ...rest } = current;
      current = { ...target, ...rest };
    }
    return current;
  };
  const options: CommandOption[] = [];
  collect(resolve(root), [], true, part, resolve, options);
  return options;
}

function collect(
  node: JsonSchema,
  path: readonly string[],
  required: boolean,
  part: RequestPart,
  resolve: (node: JsonSchema) => JsonSchema,
  into: CommandOption[],
): void {
  const object = objectShape(node, resolve);
  if (object === undefined) {
    if (path.length > 0) into.push(scalarOption(node, path, required, part, resolve));
    return;
  }
  if (path.length > 0) {
    // The object as a whole, as JSON; its fields follow as dotted options.
    into.push({
      flag: flagOf(path, part),
      part,
      path,
      type: 'json',
      multiple: false,
      required,
      ...describe(node),
    });
  }
  for (const [name, property] of Object.entries(object.properties)) {
    collect(resolve(property), [...path, name], required && object.required.has(name), part, resolve, into);
  }
}

/**
 * The properties of an object, or of a union of objects (a discriminated union such as an extension's
 * grantee): every variant's fields, required only when every variant requires them.
 */
function objectShape(
  node: JsonSchema,
  resolve: (node: JsonSchema) => JsonSchema,
): { properties: Record<string, JsonSchema>; required: Set<string> } | undefined {
  if (node.properties !== undefined) {
    return { properties: { ...node.properties }, required: new Set(node.required ?? []) };
  }
  const variants = (node.oneOf ?? node.anyOf ?? node.allOf)?.map(resolve);
  if (variants === undefined || variants.length === 0) return undefined;
  const shapes = variants.map((variant) => objectShape(variant, resolve));
  if (shapes.some((shape) => shape === undefined)) return undefined;
  const objects = shapes.filter((shape) => shape !== undefined);
  const properties: Record<string, JsonSchema> = {};
  for (const shape of objects) {
    for (const [name, property] of Object.entries(shape.properties)) {
      properties[name] = mergeAlternatives(properties[name], property, resolve);
    }
  }
  const everywhere = new Set(
    Object.keys(properties).filter((name) =>
      node.allOf !== undefined
        ? objects.some((shape) => shape.required.has(name))
        : objects.every((shape) => shape.required.has(name)),
    ),
  );
  return { properties, required: everywhere };
}

/** The same field in two variants, e.g. `kind: "email"` and `kind: "organization"`: either value. */
function mergeAlternatives(
  earlier: JsonSchema | undefined,
  later: JsonSchema,
  resolve: (node: JsonSchema) => JsonSchema,
): JsonSchema {
  if (earlier === undefined) return later;
  const values = [...enumValuesOf(resolve(earlier)), ...enumValuesOf(resolve(later))];
  if (values.length === 0) return earlier;
  return { ...resolve(earlier), enum: [...new Set(values)], const: undefined };
}

function scalarOption(
  node: JsonSchema,
  path: readonly string[],
  required: boolean,
  part: RequestPart,
  resolve: (node: JsonSchema) => JsonSchema,
): CommandOption {
  const alternatives = (node.anyOf ?? node.oneOf)?.map(resolve).filter((variant) => variant.type !== 'null');
  const single = alternatives?.length === 1 && alternatives[0] !== undefined ? alternatives[0] : node;
  const described = describe(node.description === undefined ? single : node);
  const type = typeName(single);
  if (type === 'array') {
    const items = resolve(single.items ?? {});
    const itemType = scalarType(items);
    return {
      flag: flagOf(path, part),
      part,
      path,
      type: itemType ?? 'json',
      multiple: itemType !== undefined,
      required,
      ...enumOf(items),
      ...(items.format === undefined ? {} : { format: items.format }),
      ...described,
    };
  }
  const enumValues = enumValuesOf(single).length > 0 ? single : node;
  if (part !== 'body' && isTrueFalse(enumValuesOf(enumValues))) {
    // A query switch spelt `true`/`false` on the wire (`personalData=true`) is a flag here.
    return { flag: flagOf(path, part), part, path, type: 'boolean', multiple: false, required, ...described };
  }
  return {
    flag: flagOf(path, part),
    part,
    path,
    // Anything else (an object without listed fields, a union) is given as JSON.
    type:
      scalarType(single) ??
      (typeName(single) === undefined && alternatives === undefined ? 'string' : 'json'),
    multiple: false,
    required,
    ...enumOf(enumValues),
    ...(single.format === undefined ? {} : { format: single.format }),
    ...described,
  };
}

function isTrueFalse(values: readonly string[]): boolean {
  return values.length === 2 && values.includes('true') && values.includes('false');
}

function typeName(node: JsonSchema): string | undefined {
  if (typeof node.type === 'string') return node.type;
  return node.type?.find((type) => type !== 'null');
}

function scalarType(node: JsonSchema): Exclude<OptionValueType, 'json'> | undefined {
  const type = typeName(node);
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') return type;
  const values = enumValuesOf(node);
  if (type === undefined && values.length > 0) return 'string';
  return undefined;
}

function enumValuesOf(node: JsonSchema): string[] {
  const values = node.enum ?? (node.const === undefined ? [] : [node.const]);
  return values.map(String);
}

function enumOf(node: JsonSchema): { enumValues?: readonly string[] } {
  const values = enumValuesOf(node);
  return values.length === 0 ? {} : { enumValues: values };
}

function describe(node: JsonSchema): { description?: string } {
  return node.description === undefined ? {} : { description: node.description };
}

/** `closesAt` → `closes-at`; nested fields are dotted: `grantee.email`. Headers keep their names. */
export function flagOf(path: readonly string[], part: RequestPart): string {
  if (part === 'header') return path.join('.').toLowerCase();
  return path.map(kebabCase).join('.');
}

export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}
