import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { orgConfigJsonSchema } from '../../shared/domain/org-config-json-schema.js';

/** What an admin's editor checks orgs/<name>.json against, before the platform does. */
describe('orgs/org.schema.json', () => {
  it('is what `npm run schema` writes from the config schema today (run it after changing org-config.ts)', async () => {
    expect(await readFile('orgs/org.schema.json', 'utf8')).toBe(orgConfigJsonSchema());
  });

  it('accepts the demo organization and refuses a copy with a misspelt key, as a JSON Schema validator', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(await readFile('orgs/org.schema.json', 'utf8')));
    const demo = JSON.parse(await readFile('orgs/demo.json', 'utf8'));
    expect(validate(demo), JSON.stringify(validate.errors)).toBe(true);
    const { thresholds, ...rest } = demo;
    expect(validate({ ...rest, threshholds: thresholds })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'threshholds' } }));
    expect(validate({ ...demo, k: 2 })).toBe(false);
  });

  it('asks for the sender address and refuses a reservation of no concurrency, as the platform does', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(await readFile('orgs/org.schema.json', 'utf8')));
    const demo = JSON.parse(await readFile('orgs/demo.json', 'utf8'));
    expect(validate({ ...demo, channels: { email: { enabled: false } } })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/channels/email', keyword: 'required', params: { missingProperty: 'from' } }),
    );
    expect(validate({ ...demo, deploy: { ...demo.deploy, reservedConcurrency: { send: 0 } } })).toBe(false);
    expect(validate({ ...demo, deploy: { ...demo.deploy, reservedConcurrency: { api: 20, send: 2 } } })).toBe(true);
  });
});
