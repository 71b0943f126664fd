import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as classic from 'zod';
import { lazySchema } from '../../shared/domain/lazy-schema.js';

describe('a lazy schema', () => {
  it('is built when first used, once, and then behaves as the schema it builds', () => {
    let builds = 0;
    const kind = lazySchema(() => {
      builds++;
      return z.enum(['workload', 'admin_burden']);
    });
    const action = lazySchema(() => z.object({ kind, done: z._default(z.boolean(), false) }));
    expect(builds).toBe(0);
    expect(action.parse({ kind: 'workload' })).toEqual({ kind: 'workload', done: false });
    expect(action.safeParse({ kind: 'staffing' }).success).toBe(false);
    expect(kind.parse('admin_burden')).toBe('admin_burden');
    expect(builds).toBe(1);
  });

  it('composes into classic schemas, as the org config does, and into JSON Schema', () => {
    const locale = lazySchema(() => z.enum(['en', 'es']));
    const config = classic.object({ locale: classic._default(locale, 'en') });
    expect(config.parse({})).toEqual({ locale: 'en' });
    expect(classic.toJSONSchema(config).properties).toEqual({ locale: { type: 'string', enum: ['en', 'es'], default: 'en' } });
  });
});
