import type { Context } from 'hono';

/** The browser's own encoding for a form without files; our pages send nothing else. */
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** Our forms are well under 1 KB (an action's, with its titles, a few hundred bytes more); far more is not one of ours. */
const MAX_FORM_BYTES = 8 * 1024;

/**
 * A posted form's body as text, or why it is not one of our forms. Read as text, the
 * server's fast path; a body without a declared length is measured after.
 */
export async function readFormBody(c: Context): Promise<string | 'not-a-form' | 'too-large'> {
  if (c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() !== FORM_CONTENT_TYPE) return 'not-a-form';
  if (Number(c.req.header('content-length') ?? 0) > MAX_FORM_BYTES) return 'too-large';
  const body = await c.req.text();
  return body.length > MAX_FORM_BYTES ? 'too-large' : body;
}
