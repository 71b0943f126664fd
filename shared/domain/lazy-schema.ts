/**
 * A schema built the first time anything asks it for something (a parse, or a schema that
 * contains it being built). Building zod schemas is most of what a Lambda bundle of ours does
 * when it starts, and most schemas serve one path only (the dashboard's forms, a roster
 * entry read back): a cold start should build what its first request uses, not all of them.
 * The proxy forwards everything to the built schema, so it composes, parses and infers like
 * the schema itself. Metadata (`.meta()`) belongs on schemas inside the builder: the registry
 * keys it by the built schema, which the proxy is not.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = () => (built ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(schema(), key),
    has: (_target, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Written to, the proxy would keep the value on its empty target, out of the schema's sight.
    set: () => {
      throw new TypeError('A lazy schema cannot be changed: build what you need inside its builder.');
    },
    defineProperty: () => {
      throw new TypeError('A lazy schema cannot be changed: build what you need inside its builder.');
    },
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}
