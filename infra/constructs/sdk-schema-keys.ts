import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';

/**
 * Each AWS SDK client describes every operation and shape of its service in one generated
 * module (`dist-es/schemas/schemas_0.js`), as constant arrays that esbuild drops when no
 * command we call reaches them. Except that operation and error schemas hold small objects
 * with computed keys, `{ [_h]: ["POST", "/v2/email/outbound-emails", 200] }`, where `_h` is a
 * module constant ("http"). esbuild cannot prove a computed key free of side effects (it could
 * call `toString`), so it keeps every such statement, and through their thunks every request
 * and response shape of the service: SES v2 brought the schemas of every operation for the one we
 * send, evaluated on every cold start. The SDK's generator is being changed to write literal
 * keys (smithy-lang/smithy-typescript#1889, for aws/aws-sdk-js-v3#7607); until a release
 * does, bundling writes them itself. Where a release already does, this changes nothing.
 */
export const SDK_SCHEMA_MODULE = /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:.+[\\/])?schemas[\\/]schemas_\d+\.js$/;

const STRING_CONSTANT = /^const (_\w+) = ("[^"\\\n]*");$/gm;
// Only a key that opens an object or follows a comma: `a[_h]:` in a conditional is an access.
const COMPUTED_KEY = /([{,]\s*)\[(_\w+)\]:/g;

/**
 * The same module with every computed key that names a module-level string constant written
 * as that string. Values, property order and the objects built are the same; only esbuild's
 * view of them changes. A name declared more than once, a string with an escape in it, and
 * `"__proto__"` (as a literal key it would set the prototype, not a property) stay computed.
 */
export function withLiteralSchemaKeys(source: string): string {
  const declarations = new Map<string, number>();
  for (const [, name] of source.matchAll(/\b(?:const|let|var|function|class)\s+(_\w+)\b/g)) declarations.set(name!, (declarations.get(name!) ?? 0) + 1);
  const literals = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(STRING_CONSTANT)) {
    if (declarations.get(name!) === 1 && literal !== '"__proto__"') literals.set(name!, literal!);
  }
  return source.replace(COMPUTED_KEY, (key, before: string, name: string) => {
    const literal = literals.get(name);
    return literal === undefined ? key : `${before}${literal}:`;
  });
}

/** The esbuild plugin every Lambda bundle (and the benchmark's baselines) is built with. */
export const literalSdkSchemaKeys: Plugin = {
  name: 'literal-sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMA_MODULE }, async ({ path }) => ({ contents: withLiteralSchemaKeys(await readFile(path, 'utf8')), loader: 'js' }));
  },
};
