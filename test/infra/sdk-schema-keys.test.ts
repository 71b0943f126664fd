import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { literalSdkSchemaKeys, SDK_SCHEMA_MODULE, withLiteralSchemaKeys } from '../../infra/constructs/sdk-schema-keys.js';

describe('withLiteralSchemaKeys', () => {
  it('writes a computed key that names a module string constant as that string', () => {
    const source = [
      'const _h = "http";',
      'const _hE = "httpError";',
      'export var Op$ = [9, n0, _S, { [_h]: ["POST", "/v2/x", 200] }, () => In$];',
      'export var E$ = [-3, n0, _E, { [_e]: _c, [_hE]: 400 }, [], []];',
      'const _e = "error";',
      'const _c = "client";',
    ].join('\n');
    const out = withLiteralSchemaKeys(source);
    expect(out).toContain('{ "http": ["POST", "/v2/x", 200] }');
    expect(out).toContain('{ "error": _c, "httpError": 400 }');
  });

  it('leaves a key computed when it cannot be sure of its value', () => {
    const source = [
      'const _a = "twice";',
      'function f() { const _a = "shadow"; return { [_a]: 1 }; }',
      'const _p = "__proto__";',
      'export var P$ = { [_p]: 1 };',
      'export var U$ = { [_unknown]: 1 };',
      'export var M$ = c ? o[_h]: 2;',
      'const _h = "http";',
    ].join('\n');
    const out = withLiteralSchemaKeys(source);
    expect(out).toContain('{ [_a]: 1 }');
    expect(out).toContain('{ [_p]: 1 }');
    expect(out).toContain('{ [_unknown]: 1 }');
    expect(out).toContain('c ? o[_h]: 2');
  });
});

/** A schema graph as plain data: thunks and error classes by their source, which the rewrite leaves alone. */
function asData(value: unknown): unknown {
  if (typeof value === 'function') return `fn:${value.toString()}`;
  if (Array.isArray(value)) return value.map((item) => asData(item));
  if (value && typeof value === 'object') {
    const own = Object.getOwnPropertyNames(value).map((key) => [key, asData((value as Record<string, unknown>)[key])]);
    return { proto: Object.getPrototypeOf(value) === Object.prototype ? 'Object' : String(Object.getPrototypeOf(value)?.constructor?.name), own };
  }
  return value;
}

/** Each SDK client a function bundles; their generated schemas are what the plugin rewrites. */
const CLIENTS = ['client-dynamodb', 'client-sesv2', 'client-sns', 'client-sqs', 'client-secrets-manager'];

describe('the literalSdkSchemaKeys esbuild plugin', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'schema-keys-'));

  async function schemasModule(client: string, plugins: (typeof literalSdkSchemaKeys)[]) {
    const schemas = resolve('node_modules/@aws-sdk', client, 'dist-es/schemas/schemas_0.js');
    expect(schemas).toMatch(SDK_SCHEMA_MODULE);
    const outfile = join(outdir, `${client}-${plugins.length}.mjs`);
    await build({
      stdin: { contents: `export * from ${JSON.stringify(schemas)};`, resolveDir: process.cwd() },
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      plugins,
      logLevel: 'error',
    });
    return (await import(pathToFileURL(outfile).href)) as Record<string, unknown>;
  }

  it.each(CLIENTS)('leaves every schema of @aws-sdk/%s as the SDK builds it', async (client) => {
    const [original, rewritten] = await Promise.all([schemasModule(client, []), schemasModule(client, [literalSdkSchemaKeys])]);
    expect(Object.keys(rewritten).sort()).toEqual(Object.keys(original).sort());
    for (const name of Object.keys(original)) expect(asData(rewritten[name]), name).toEqual(asData(original[name]));
  });
});
