import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canBeSent, channelsOn, channelsToTurnOn, reachableChannels } from '../../shared/domain/staff.js';
import { staffIn } from '../support/fixtures.js';

const person = fc.record({
  channel: fc.constantFrom('email' as const, 'sms' as const, 'both' as const),
  hasEmail: fc.boolean(),
  hasPhone: fc.boolean(),
  emailOptOut: fc.boolean(),
  smsOptOut: fc.boolean(),
  active: fc.boolean(),
});
const channels = fc.record({
  email: fc.option(fc.record({ enabled: fc.boolean() }), { nil: undefined }),
  sms: fc.option(fc.record({ enabled: fc.boolean() }), { nil: undefined }),
});

describe('the channels a pulse goes out on', () => {
  it('are only those the person asked for, has a contact for, has not opted out of, and the organization has on', () => {
    fc.assert(
      fc.property(person, channels, (p, enabled) => {
        const [base] = staffIn('ed', 'nurse', 1, { channel: p.channel, emailOptOut: p.emailOptOut, smsOptOut: p.smsOptOut, active: p.active });
        const staff = { ...base!, email: p.hasEmail ? base!.email : undefined, phone: p.hasPhone ? base!.phone : undefined };
        const expected = (['email', 'sms'] as const).filter(
          (c) =>
            (p.channel === c || p.channel === 'both') &&
            (c === 'email' ? p.hasEmail && !p.emailOptOut : p.hasPhone && !p.smsOptOut) &&
            enabled[c]?.enabled === true,
        );
        expect(reachableChannels(staff, enabled)).toEqual(expected);
        expect(canBeSent(staff, enabled)).toBe(p.active && expected.length > 0);
        // What the org file needs is exactly what is off, no more.
        expect(channelsToTurnOn(enabled)).toHaveLength(2 - channelsOn(enabled).length);
      }),
    );
  });

  it('ask for a sender address where email is not configured at all', () => {
    expect(channelsToTurnOn({})).toEqual(['channels.email (with its from address)', 'channels.sms.enabled']);
    expect(channelsToTurnOn({ email: { enabled: false }, sms: { enabled: true } })).toEqual(['channels.email.enabled']);
  });
});
