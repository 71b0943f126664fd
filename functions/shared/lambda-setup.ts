import * as z from 'zod/mini';

/**
 * Imported first by every handler. zod compiles a validator (JIT) the first time a schema
 * is used; in a Lambda container most schemas (settings, items read back) are used a few
 * times, often on the cold-start path, so building those validators costs more than it
 * saves. Validate without them.
 */
z.config({ jitless: true });
