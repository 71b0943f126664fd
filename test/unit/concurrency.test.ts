import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchedWrites, chunksOf, mapLimit } from '../../shared/concurrency.js';

/** Work that resolves when the test says, counting how much is in flight at once. */
function gate() {
  let inFlight = 0;
  let most = 0;
  const waiting: (() => void)[] = [];
  return {
    get most() {
      return most;
    },
    async work<T>(value: T): Promise<T> {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight--;
      return value;
    },
    /** Lets every piece of work started so far finish, in a random order. */
    async release(random: () => number) {
      while (waiting.length > 0) {
        const [next] = waiting.splice(Math.floor(random() * waiting.length), 1);
        next!();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

describe('chunksOf', () => {
  it('cuts items into runs of at most the size, in order, and nothing for nothing', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunksOf([], 25)).toEqual([]);
  });
});

describe('mapLimit', () => {
  it('returns every result in the items’ order with never more than the limit in flight, however the work finishes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), fc.integer(), async (items, limit, seed) => {
        const g = gate();
        let state = seed;
        const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) < 0 ? -state : state) / 2 ** 31;
        const done = mapLimit(items, limit, (item) => g.work(item * 2));
        for (let round = 0; round < items.length + 1; round++) await g.release(random);
        expect(await done).toEqual(items.map((item) => item * 2));
        expect(g.most).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects with the first failure', async () => {
    await expect(mapLimit([1, 2, 3], 2, async (item) => (item === 2 ? Promise.reject(new Error('two')) : item))).rejects.toThrow('two');
  });
});

describe('batchedWrites', () => {
  it('writes every item once, in batches of the size, with never more than inFlight batches on their way', async () => {
    for (const inFlight of [1, 2, 3]) {
      const g = gate();
      const written: number[][] = [];
      const writes = batchedWrites<number>((batch) => g.work(batch).then((b) => void written.push(b)), { size: 3, inFlight });
      const adding = (async () => {
        for (let item = 0; item < 20; item++) await writes.add(item);
        await writes.flush();
      })();
      let finished = false;
      void adding.then(() => (finished = true));
      while (!finished) await g.release(Math.random);
      expect(written.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(written.every((batch) => batch.length <= 3)).toBe(true);
      expect(g.most).toBeLessThanOrEqual(inFlight);
    }
  });

  it('rethrows a failed write from the add or flush that waits for it', async () => {
    const writes = batchedWrites<number>((batch) => (batch.includes(4) ? Promise.reject(new Error('throttled')) : Promise.resolve()), { size: 2, inFlight: 1 });
    const attempt = async () => {
      for (let item = 0; item < 10; item++) await writes.add(item);
      await writes.flush();
    };
    await expect(attempt()).rejects.toThrow('throttled');
  });
});
