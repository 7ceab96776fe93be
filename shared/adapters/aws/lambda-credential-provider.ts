import { type FromEnvInit, fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the Lambda bundles use in place of `@aws-sdk/credential-provider-node` (an esbuild alias in
 * `infra/constructs/function-bundling.ts`): the same `defaultProvider` export, reduced to the first
 * link of the SDK's default chain, the environment. Lambda always hands a function its role's
 * credentials as `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, so the rest of
 * the chain (SSO, INI files, process, web identity, container and instance metadata), and the STS,
 * SSO and sign-in clients it brings, never runs there: about 115 KB of every bundle.
 * The local runtime and the tests run from source, with the SDK's full chain.
 */
export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
