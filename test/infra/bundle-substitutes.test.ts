import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { PassThrough, Readable, Writable } from 'node:stream';
import { ReadableStream as WebReadableStream } from 'node:stream/web';
import fc from 'fast-check';
import LRUCache from '../../functions/shared/map-lru-cache.js';
import { pipeline, ReadableStream } from '../../functions/shared/middy-lazy-streams.js';
import { SDK_PACKAGE_MANIFEST, versionOnlyManifest } from '../../infra/constructs/sdk-package-version.js';

const require = createRequire(import.meta.url);

describe('an AWS SDK manifest as bundled', () => {
  it('keeps the version the user agent reports and nothing else', () => {
    const path = require.resolve('@aws-sdk/client-dynamodb/package.json');
    const manifest = readFileSync(path, 'utf8');
    expect(SDK_PACKAGE_MANIFEST.test(path)).toBe(true);
    expect(JSON.parse(versionOnlyManifest(manifest))).toEqual({ version: JSON.parse(manifest).version });
    expect(versionOnlyManifest('{"name":"x"}')).toBe('{}');
  });

  it('is the only field any SDK module reads from its manifest', () => {
    // If a release starts reading another field, the slimmed manifest would hand it undefined.
    const sdk = join(dirname(require.resolve('@aws-sdk/client-dynamodb/package.json')), '..');
    const fieldsRead = new Set<string>();
    let importers = 0;
    for (const file of readdirSync(sdk, { recursive: true, encoding: 'utf8' })) {
      if (!/dist-es[\\/].*\.js$/.test(file)) continue;
      const source = readFileSync(join(sdk, file), 'utf8');
      for (const [, name] of source.matchAll(/import (\w+) from "[^"]*package\.json"/g)) {
        importers++;
        for (const [, field] of source.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))) fieldsRead.add(field!);
        expect(source.replaceAll(new RegExp(`\\b${name}\\.version\\b|import ${name} from`, 'g'), ''), file).not.toMatch(new RegExp(`\\b${name}\\b`));
      }
    }
    expect(importers).toBeGreaterThanOrEqual(5);
    expect(fieldsRead).toEqual(new Set(['version']));
  });

  it('leaves other packages’ manifests alone', () => {
    expect(SDK_PACKAGE_MANIFEST.test('/x/node_modules/hono/package.json')).toBe(false);
    expect(SDK_PACKAGE_MANIFEST.test('/x/node_modules/@aws-sdk/client-sns/dist-es/schemas/schemas_0.js')).toBe(false);
  });
});

describe('middy’s streaming imports, looked up when first used', () => {
  it('recognize the same web streams as Node’s own class', () => {
    expect(new WebReadableStream() instanceof ReadableStream).toBe(true);
    expect(Readable.from(['a']) instanceof ReadableStream).toBe(false);
    expect({} instanceof ReadableStream).toBe(false);
  });

  it('pipe a response through as node:stream/promises does', async () => {
    const chunks: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) });
    await pipeline(Readable.from(['hello ', 'world']), new PassThrough(), sink);
    expect(chunks.join('')).toBe('hello world');
    await expect(pipeline(Readable.from([1]), new Writable({ objectMode: true, write: (_c, _e, done) => done(new Error('sink broke')) }))).rejects.toThrow(
      'sink broke',
    );
  });
});

describe('the LRU cache the DynamoDB client is bundled with', () => {
  // mnemonist's, found as the SDK finds it: through the client's endpoint cache.
  const fromEndpointCache = createRequire(createRequire(require.resolve('@aws-sdk/client-dynamodb')).resolve('@aws-sdk/endpoint-cache'));
  const Mnemonist = fromEndpointCache('mnemonist/lru-cache') as new (
    capacity: number,
  ) => {
    get(key: string): unknown;
    peek(key: string): unknown;
    has(key: string): boolean;
    set(key: string, value: unknown): unknown;
    clear(): void;
    size: number;
  };

  it('answers every sequence of operations as mnemonist’s does, evictions included', () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const key = fc.constantFrom(...keys);
    // Clearing is rare, as in the client: cleared often, the cache would never fill and evict.
    const operation = fc.oneof(
      { arbitrary: fc.tuple(fc.constant('set' as const), key, fc.integer()), weight: 10 },
      { arbitrary: fc.tuple(fc.constantFrom('get' as const, 'peek' as const, 'has' as const), key, fc.constant(0)), weight: 10 },
      { arbitrary: fc.tuple(fc.constant('clear' as const), key, fc.constant(0)), weight: 1 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(operation, { minLength: 8, maxLength: 60, size: 'medium' }), (capacity, operations) => {
        const ours = new LRUCache<string, number>(capacity);
        const theirs = new Mnemonist(capacity);
        for (const [name, k, value] of operations) {
          if (name === 'set') {
            ours.set(k, value);
            theirs.set(k, value);
          } else if (name === 'clear') {
            ours.clear();
            theirs.clear();
          } else expect(ours[name](k)).toEqual(theirs[name](k));
          expect(ours.size).toBe(theirs.size);
        }
        for (const k of keys) expect(ours.peek(k)).toEqual(theirs.peek(k));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a capacity that could hold nothing, as mnemonist’s does', () => {
    for (const capacity of [0, -1, Number.NaN]) {
      expect(() => new Mnemonist(capacity), String(capacity)).toThrow();
      expect(() => new LRUCache(capacity), String(capacity)).toThrow();
    }
  });
});
