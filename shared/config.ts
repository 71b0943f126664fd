import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type * as z from 'zod';
import { orgConfigSchema, type OrgConfig } from './domain/org-config.js';
import { formatPath, InvalidInputError } from './errors.js';

/**
 * Reads and checks an organization's config file. Every problem names the file, the
 * line where JSON syntax broke or the path of the field, and the reason, so an admin can
 * fix it without reading code. The file's name must be its `id` (orgs/acme.json holds
 * "acme"): stacks are named from the id, so a copied file that kept another organization's
 * id would deploy over that organization's stacks.
 */
export async function loadOrgConfig(path: string): Promise<OrgConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InvalidInputError([`${path}: cannot read the file (${code}); check the path, e.g. orgs/<name>.json`]);
  }
  return parseOrgConfig(text, path, { fileName: basename(path) });
}

/**
 * Parses config text; `source` names it in messages. With `fileName`, the config's `id` must
 * be that name without its `.json`.
 */
export function parseOrgConfig(text: string, source: string, options: { fileName?: string } = {}): OrgConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError([`${source}${jsonErrorLocation(text, reason)}: not valid JSON (${reason})`]);
  }
  const parsed = orgConfigSchema.safeParse(json);
  const problems = parsed.success ? [] : describeIssues(source, parsed.error);
  // A missing or malformed id is the schema's to report.
  const idMalformed = !parsed.success && parsed.error.issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'id');
  const idProblem = options.fileName === undefined || idMalformed ? undefined : idFileNameProblem(json, options.fileName);
  if (idProblem !== undefined) problems.push(`${source}: id: ${idProblem}`);
  if (!parsed.success || problems.length > 0) throw new InvalidInputError(problems);
  return parsed.data;
}

/** Why the config's `id` cannot stay as it is in a file of this name, if it cannot. */
function idFileNameProblem(json: unknown, fileName: string): string | undefined {
  const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : undefined;
  if (typeof id !== 'string') return undefined;
  const name = fileName.replace(/\.json$/, '');
  if (id === name) return undefined;
  const rename = `the file to ${id}.json if it is ${id}'s config`;
  const fix = orgConfigSchema.shape.id.safeParse(name).success ? `Set "id": "${name}", or rename ${rename}` : `Rename ${rename}`;
  return `"${id}" does not match the file name ${fileName}; the stacks are named from the id (CarePulse-${id}), so this file would deploy over the stacks of the organization whose id is "${id}". ${fix}`;
}

/** `file: path.to[3].field: reason`, one line per issue. */
export function describeIssues(source: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${source}: ${formatPath(issue.path)}: ${issue.message}`);
}

/** Turns V8's "at position N" (or "line L column C") into `:line:column`. */
function jsonErrorLocation(text: string, message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `:${lineColumn[1]}:${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = Number(position[1]) - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}
