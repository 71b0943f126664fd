/**
 * Stands in for `mnemonist/lru-cache` in our Lambda bundles (an esbuild alias,
 * infra/constructs/lambda-esbuild.ts). Its one user there is the DynamoDB client's endpoint
 * cache, which every client builds at start though endpoint discovery is off for our tables;
 * mnemonist brings typed-array machinery and an iterator library for it, about a hundredth of
 * a cold start (`npm run bench`, bundles section). A Map keeps insertion order, which is all
 * an LRU needs: the least recently used key is the first. Same operations, same order of
 * eviction (test/infra/bundle-substitutes.test.ts holds it to mnemonist's).
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(readonly capacity: number) {
    // As mnemonist does: a cache that can hold nothing is a mistake, not an empty cache.
    if (!(capacity > 0) || !Number.isFinite(capacity)) throw new Error('LRUCache: capacity should be a positive number.');
  }

  get size(): number {
    return this.items.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  /** The value, its place unchanged. */
  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  set(key: K, value: V): this {
    if (this.items.has(key)) this.items.delete(key);
    else if (this.items.size >= this.capacity) this.items.delete(this.items.keys().next().value as K);
    this.items.set(key, value);
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
