/**
 * Stands in for `node:stream/web` and `node:stream/promises` where `@middy/core` imports
 * them (an esbuild plugin, infra/constructs/middy-lazy-streams.ts). middy uses them only to
 * stream a response (`streamifyResponse`), which none of our handlers does, yet importing
 * them loads Node's web streams on every cold start: about 2.5 ms in a bare process, 1 to 2
 * in a bundle of ours. These are the same class and function, looked up when first used.
 */
export const ReadableStream = {
  [Symbol.hasInstance]: (value: unknown) => value instanceof globalThis.ReadableStream,
};

export async function pipeline(...streams: unknown[]): Promise<void> {
  const { pipeline: streamPipeline } = await import('node:stream/promises');
  return (streamPipeline as (...s: unknown[]) => Promise<void>)(...streams);
}
