import type { HttpMethod } from '../../functions/manifest.ts';

/**
 * Matches request paths against API Gateway resource paths such as `/v1/consultations/{id}`, the
 * way a REST API does: literal segments win over parameters, one segment per parameter, and the
 * matched resource path becomes the event's `resource`.
 */
export interface RouteEntry<TTarget> {
  readonly method: HttpMethod;
  readonly resource: string;
  readonly target: TTarget;
}

export type RouteMatch<TTarget> =
  | {
      readonly kind: 'matched';
      readonly route: RouteEntry<TTarget>;
      readonly pathParameters: Record<string, string>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'not-found' };

export function createRouteTable<TTarget>(routes: readonly RouteEntry<TTarget>[]) {
  const compiled = routes.map((route) => ({ route, segments: splitPath(route.resource) }));
  // Literal segments first, so `/v1/consultations/{id}` never shadows a literal sibling.
  compiled.sort((a, b) => specificity(b.segments) - specificity(a.segments));

  return {
    match(method: string, path: string): RouteMatch<TTarget> {
      const requestSegments = splitPath(path);
      const allowed: HttpMethod[] = [];
      for (const { route, segments } of compiled) {
        const pathParameters = matchSegments(segments, requestSegments);
        if (pathParameters === undefined) continue;
        if (route.method === method.toUpperCase()) return { kind: 'matched', route, pathParameters };
        allowed.push(route.method);
      }
      return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
    },
  };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function specificity(segments: readonly string[]): number {
  return segments.filter((segment) => !isParameter(segment)).length;
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matchSegments(
  template: readonly string[],
  request: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== request.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const actual = request[index];
    if (actual === undefined) return undefined;
    if (isParameter(part)) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
      parameters[part.slice(1, -1)] = decoded;
    } else if (part !== actual) {
      return undefined;
    }
  }
  return parameters;
}
