import * as z from 'zod';
import { orgConfigSchema } from './org-config.js';

/**
 * The org config's JSON Schema as a file's text: what an admin writes (the input side, with
 * defaults optional), unknown keys refused as the platform refuses them. Checks a zod
 * refinement cannot express in JSON Schema (a parent that exists, no cycles) stay the
 * platform's, which names the file and the field.
 */
export function orgConfigJsonSchema(): string {
  const schema = z.toJSONSchema(orgConfigSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Care Pulse organization config', description: 'One file per organization: orgs/<name>.json. See README, "Configuring an organization".' }, null, 2)}\n`;
}
