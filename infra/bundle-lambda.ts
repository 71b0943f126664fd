/**
 * Builds one Lambda bundle from a JSON request on standard input (a `LambdaBundleRequest`).
 * CDK bundles synchronously and esbuild's plugins need its asynchronous API, so each
 * function's bundling runs this in a process of its own (infra/constructs/pulse-function.ts).
 */
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { bundleLambda } from './constructs/lambda-esbuild.js';

const strings = z.record(z.string(), z.string());
const request = z.object({ entry: z.string().min(1), outfile: z.string().min(1), define: strings.optional(), alias: strings.optional(), nodePaths: z.array(z.string()).optional() }).strict();

await bundleLambda(request.parse(JSON.parse(await text(process.stdin))));
