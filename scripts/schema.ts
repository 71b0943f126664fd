/**
 * `npm run schema`: writes orgs/org.schema.json, the JSON Schema of an organization's config
 * file, from the same zod schema the platform, the CLI and `cdk synth` check it with. Editors
 * that read `"$schema"` then flag a misspelt key or a wrong value as it is typed.
 */
import { writeFile } from 'node:fs/promises';
import { orgConfigJsonSchema } from '../shared/domain/org-config-json-schema.js';

const file = 'orgs/org.schema.json';
await writeFile(file, orgConfigJsonSchema());
console.log(`Wrote ${file}.`);
