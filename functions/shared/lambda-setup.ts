import * as z from 'zod';

/**
 * Imported first by every handler. A function parses its config once per cold start, so
 * zod's compiled (JIT) validators would cost more to build than they save: validate
 * without them.
 */
z.config({ jitless: true });
