import { describe, expect, it } from 'vitest';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { awsWaveSecrets, CardsRefusedError } from '../../scripts/lib/cards-command.js';
import { reachableByUnit, shortUnits } from '../../shared/domain/reach.js';
import { ALL_ROLES, CARD_ROLE } from '../../shared/domain/recording-units.js';
import { staffIdFor } from '../../shared/domain/roster.js';
import { deriveToken, newWaveSecret } from '../../shared/domain/tokens.js';
import { cardId, cardsPerUnit, pulseDays } from '../../shared/domain/wave.js';
import { WORDS } from '../../shared/words/words.js';
import { CARD_WORDS } from '../../web/views/card-sheet.js';
import { telHref } from '../../web/views/outcome-pages.js';
import { staffIn } from '../support/fixtures.js';

const channels = { email: { enabled: true }, sms: { enabled: true } };

describe('a printed card', () => {
  it('derives its token from an id no staff member can have', () => {
    const staffId = staffIdFor('someone@staff.example', undefined);
    expect(staffId).toMatch(/^[0-9a-f]{24}$/);
    expect(cardId('evs', 1)).toBe('card:evs:1');
    expect(cardId('evs', 1)).not.toMatch(/^[0-9a-f]{24}$/);
    const secret = newWaveSecret();
    expect(deriveToken(secret, cardId('evs', 1))).not.toBe(deriveToken(secret, cardId('evs', 2)));
  });

  it('counts as reached in its unit, so a unit of a few staff and its cards is not held for want of k', () => {
    const wave = {
      units: { 'lab/nurse': `lab/${ALL_ROLES}`, [`lab/${CARD_ROLE}`]: `lab/${ALL_ROLES}`, 'ed/nurse': 'ed/nurse' },
      staffPerUnit: { [`lab/${ALL_ROLES}`]: 7, 'ed/nurse': 6 },
      cards: { lab: 4 },
    };
    expect(cardsPerUnit(wave)).toEqual(new Map([[`lab/${ALL_ROLES}`, 4]]));
    const people = [...staffIn('lab', 'nurse', 3), ...staffIn('ed', 'nurse', 6)];
    const reachable = reachableByUnit(wave, people, channels);
    expect(reachable.get(`lab/${ALL_ROLES}`)).toBe(7);
    expect(shortUnits(wave, ['lab', 'ed'], reachable, 5)).toEqual([]);
    // The same unit without its cards waits, as before.
    expect(shortUnits(wave, ['lab'], reachableByUnit({ ...wave, cards: {} }, people, channels), 5).map((s) => s.unit)).toEqual([`lab/${ALL_ROLES}`]);
  });
});

describe('printing cards on AWS', () => {
  it('says plainly, when the credentials may not read the wave’s secret, that the admin policy never can and what would', async () => {
    const secrets = mockClient(SecretsManagerClient);
    secrets.on(GetSecretValueCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const store = awsWaveSecrets({ id: 'riverside' });
    try {
      const refused = await store.get('w20261207-01').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(CardsRefusedError);
      expect((refused as Error).message).toContain('care-pulse/riverside/wave/w20261207-01');
      expect((refused as Error).message).toContain('The admin policy (the AdminPolicyArn output) grants no read of any wave secret, on purpose');
      expect((refused as Error).message).toContain('secretsmanager:GetSecretValue');
      expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({ SecretId: 'care-pulse/riverside/wave/w20261207-01' });
    } finally {
      store.close();
      secrets.restore();
    }
  });
});

describe('a card’s words', () => {
  // Kept out of WORDS (only the CLI prints cards), so the words test does not see them: checked here as it checks the rest.
  it('are all said in Spanish, none left empty or in English', () => {
    const sample = (words: typeof CARD_WORDS.en) =>
      Object.entries(words).map(([key, value]) => [key, typeof value === 'function' ? (value as (...a: unknown[]) => string)(7, 'x') : value] as const);
    const spanish = new Map(sample(CARD_WORDS.es));
    for (const [key, english] of sample(CARD_WORDS.en)) {
      expect(spanish.get(key)?.trim(), key).toBeTruthy();
      expect(spanish.get(key), key).not.toBe(english);
    }
  });
});

describe('the pulse’s days as staff read them', () => {
  const days = (openedAt: string, closesAt: string, locale: 'en' | 'es') =>
    pulseDays({ openedAt, closesAt }, 'America/Chicago', locale, WORDS[locale].staffPage.rangeJoin).replace(/\s/g, ' ');

  it('names the calendar days in the organization’s time zone, in English and in Spanish', () => {
    expect(days('2026-12-01T16:00:00Z', '2026-12-06T16:00:00Z', 'en')).toBe('December 1 – 6, 2026');
    expect(days('2026-12-01T16:00:00Z', '2026-12-06T16:00:00Z', 'es')).toBe('1 al 6 de diciembre de 2026');
    expect(days('2026-11-28T16:00:00Z', '2026-12-03T16:00:00Z', 'es')).toBe('28 de noviembre al 3 de diciembre de 2026');
    expect(days('2026-12-29T16:00:00Z', '2027-01-03T16:00:00Z', 'en')).toBe('December 29, 2026 – January 3, 2027');
  });

  it('ends on the last day answers were taken: a pulse closing at midnight ended the day before', () => {
    expect(days('2026-12-01T16:00:00Z', '2026-12-06T06:00:00Z', 'en')).toBe('December 1 – 5, 2026');
    // 00:30 on 1 December in UTC is still 30 November in Chicago.
    expect(days('2026-12-01T00:30:00Z', '2026-12-04T16:00:00Z', 'es')).toBe('30 de noviembre al 4 de diciembre de 2026');
  });
});

describe('a support number to tap', () => {
  it('dials digits and a leading + only, a North American number written nationally made international', () => {
    expect(telHref('1-800-555-0142')).toBe('tel:+18005550142');
    expect(telHref('988')).toBe('tel:988');
    expect(telHref('+44 20 7946 0958')).toBe('tel:+442079460958');
  });
});
