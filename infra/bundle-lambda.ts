/**
 * Builds one Lambda bundle from a JSON request on standard input (a `LambdaBundleRequest`).
 * CDK bundles synchronously and esbuild's plugins need its asynchronous API, so each
 * function's bundling runs this in a process of its own (infra/constructs/pulse-function.ts).
 */
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { bundleLambda, type LambdaBundleRequest } from './constructs/lambda-esbuild.js';

const strings = z.record(z.string(), z.string());
const importerSubstitute = z.object({ importer: z.string(), modules: z.array(z.string()), path: z.string() }).strict();
// Typed as the request it checks, so the two cannot drift apart.
const request: z.ZodType<LambdaBundleRequest> = z
  .object({
    entry: z.string().min(1),
    outfile: z.string().min(1),
    define: strings.optional(),
    alias: strings.optional(),
    importerSubstitutes: z.array(importerSubstitute).optional(),
    nodePaths: z.array(z.string()).optional(),
  })
  .strict();

await bundleLambda(request.parse(JSON.parse(await text(process.stdin))));
