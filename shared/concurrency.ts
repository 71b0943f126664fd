/** `items` in runs of at most `size`, in order: the batches a request or a queue takes. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Runs `work` over `items` with at most `limit` in flight and returns the results in
 * order. Fan-outs over departments or batches go through here, so a 2,000-department
 * organization never opens 2,000 requests at once.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * mapLimit for items that arrive one at a time (a file read as a stream): gathers them into
 * batches of `size` and writes each with at most `inFlight` batches on their way, so the
 * producer waits for the store instead of holding everything still to write. A failed
 * write is rethrown by the `add` or `flush` that awaits it.
 */
export function batchedWrites<T>(write: (batch: T[]) => Promise<void>, options: { size: number; inFlight: number }) {
  let batch: T[] = [];
  const writing: Promise<void>[] = [];
  // Waits for the oldest writes before sending another, so no more than `inFlight` are ever
  // on their way (waiting after sending let one more through). The batch is taken first, so
  // items added meanwhile start the next one.
  const send = async () => {
    const full = batch;
    batch = [];
    while (writing.length >= Math.max(1, options.inFlight)) await writing.shift();
    const sent = write(full);
    // Awaited later, and rethrown there; until then Node must not call it unhandled.
    sent.catch(() => undefined);
    writing.push(sent);
  };
  return {
    async add(item: T) {
      batch.push(item);
      if (batch.length >= options.size) await send();
    },
    async flush() {
      if (batch.length > 0) await send();
      await Promise.all(writing.splice(0));
    },
  };
}
