/**
 * Stands in for `node:stream/web` and `node:stream/promises` where `@middy/core` imports
 * them (`LAMBDA_IMPORTER_SUBSTITUTES`, infra/constructs/lambda-esbuild.ts). middy uses them
 * only to stream a response (`streamifyResponse`), which none of our handlers does, yet
 * importing them loads Node's web streams on every cold start. middy asks `ReadableStream` only `instanceof`, which this answers as Node's own
 * class would; `pipeline` is Node's, loaded on first call.
 */
export const ReadableStream = {
  [Symbol.hasInstance]: (value: unknown) => value instanceof globalThis.ReadableStream,
};

export async function pipeline(...streams: unknown[]): Promise<void> {
  const { pipeline: streamPipeline } = await import('node:stream/promises');
  return (streamPipeline as (...s: unknown[]) => Promise<void>)(...streams);
}
