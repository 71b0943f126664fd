import { readFile } from 'node:fs/promises';
import type * as z from 'zod';
import { orgConfigSchema, type OrgConfig } from './domain/org-config.js';
import { formatPath, InvalidInputError } from './errors.js';

/**
 * Reads and checks an organization's config file. Every problem names the file, the
 * line where JSON syntax broke or the path of the field, and the reason, so an admin can
 * fix it without reading code.
 */
export async function loadOrgConfig(path: string): Promise<OrgConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new InvalidInputError([`${path}: cannot read the file (${code}); check the path, e.g. orgs/<name>.json`]);
  }
  return parseOrgConfig(text, path);
}

/** Parses config text; `source` names it in messages. */
export function parseOrgConfig(text: string, source: string): OrgConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError([`${source}${jsonErrorLocation(text, reason)}: not valid JSON (${reason})`]);
  }
  const parsed = orgConfigSchema.safeParse(json);
  if (!parsed.success) throw new InvalidInputError(describeIssues(source, parsed.error));
  return parsed.data;
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
