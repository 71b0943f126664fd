import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in our Lambda bundles (an esbuild alias,
 * infra/constructs/lambda-esbuild.ts). Lambda hands a function its role's credentials in the
 * environment; the default chain's other sources (SSO, ini files, container and instance
 * metadata, web identity) never apply there, and bundling them cost about a fifth of each
 * bundle and a tenth of its import time (`npm run bench`, bundles section).
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
