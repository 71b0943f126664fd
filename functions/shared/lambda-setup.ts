import * as z from 'zod/mini';
import { en } from 'zod/locales';

/**
 * Imported first by every handler. zod compiles a validator (JIT) the first time a schema
 * is used; in a Lambda container most schemas (settings, items read back) are used a few
 * times, often on the cold-start path, so building those validators costs more than it
 * saves. Validate without them.
 *
 * zod/mini carries no messages of its own ("Invalid input" for everything); the English
 * ones are what the CLI and the local platform print (classic zod loads them), so a leader's
 * form says the same on AWS.
 */
z.config({ jitless: true, ...en() });
