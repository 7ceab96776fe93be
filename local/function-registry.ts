import { pathToFileURL } from 'node:url';
import type { Dependencies } from '../functions/dependencies.ts';
import { type FunctionDefinition, functionManifest } from '../functions/manifest.ts';
import { withCors } from '../shared/http/cors.ts';

/**
 * Loads every function of the manifest the way Lambda would (its entry file), but builds its
 * handler over the local runtime's dependencies instead of the environment.
 */
export type LocalHandler = (event: never, context: never) => Promise<unknown>;

export interface LoadedFunction {
  readonly definition: FunctionDefinition;
  readonly handler: LocalHandler;
}

interface FunctionModule {
  createHandler(dependencies: Dependencies): LocalHandler;
}

const repositoryRoot = new URL('../', import.meta.url);

function isFunctionModule(value: unknown): value is FunctionModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'createHandler' in value &&
    typeof value.createHandler === 'function'
  );
}

export async function loadFunctions(dependencies: Dependencies): Promise<Map<string, LoadedFunction>> {
  const loaded = new Map<string, LoadedFunction>();
  for (const definition of functionManifest as readonly FunctionDefinition[]) {
    const module: unknown = await import(
      pathToFileURL(new URL(definition.entry, repositoryRoot).pathname).href
    );
    if (!isFunctionModule(module)) {
      throw new Error(
        `${definition.entry} must export createHandler(dependencies), as the manifest's convention says`,
      );
    }
    // As `lambdaEntry` does in Lambda: proxy responses get the CORS headers of the config.
    const handler = withCors(module.createHandler(dependencies), dependencies.config.allowedOrigins ?? []);
    loaded.set(definition.name, { definition, handler });
  }
  return loaded;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]` → `<name>`. */
export function functionNameFromArn(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?$/.exec(arn);
  return match?.[1];
}
