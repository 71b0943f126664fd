import { describe, expect, it } from 'vitest';
import { scheduleSpecs } from '../../shared/domain/cadence.js';
import { withinSendWindow } from '../../shared/domain/send-window.js';
import { composeSms, gsm7Length, toGsm7 } from '../../shared/domain/sms.js';

describe('scheduleSpecs', () => {
  it('opens on the cadence day and time, and runs remind and close daily at that time', () => {
    const specs = scheduleSpecs({ cadence: { every: '2weeks', openDay: 'tue', openAt: '07:30', openForDays: 5, remindAfterDays: 3 } });
    expect(specs.find((s) => s.name === 'open')!.cron).toEqual({ minute: '30', hour: '7', weekDay: 'TUE' });
    expect(specs.find((s) => s.name === 'remind')!.cron).toEqual({ minute: '30', hour: '7' });
    expect(specs.find((s) => s.name === 'tick')!.rateMinutes).toBe(60);
  });

  it('opens on the first given weekday of the month for a monthly cadence', () => {
    const specs = scheduleSpecs({ cadence: { every: 'month', openDay: 'wed', openAt: '10:00', openForDays: 5, remindAfterDays: 3 } });
    expect(specs.find((s) => s.name === 'open')!.cron?.weekDay).toBe('WED#1');
  });
});

describe('withinSendWindow', () => {
  const chicago = 'America/Chicago';
  it('is open inside a day window, in the organization’s time zone', () => {
    expect(withinSendWindow({ start: '08:00', end: '18:00' }, chicago, new Date('2026-11-24T15:00:00Z'))).toBe(true); // 09:00 CST
    expect(withinSendWindow({ start: '08:00', end: '18:00' }, chicago, new Date('2026-11-24T13:00:00Z'))).toBe(false); // 07:00 CST
  });

  it('wraps midnight for a night shift', () => {
    const night = { start: '19:00', end: '07:00' };
    expect(withinSendWindow(night, chicago, new Date('2026-11-25T03:00:00Z'))).toBe(true); // 21:00
    expect(withinSendWindow(night, chicago, new Date('2026-11-25T12:30:00Z'))).toBe(true); // 06:30
    expect(withinSendWindow(night, chicago, new Date('2026-11-25T18:00:00Z'))).toBe(false); // 12:00
  });

  it('is always open without a window', () => {
    expect(withinSendWindow(undefined, chicago, new Date())).toBe(true);
  });
});

describe('SMS text', () => {
  it('drops accents GSM-7 lacks and keeps those it has', () => {
    expect(toGsm7('encuesta anónima, más rápido, ñandú, café')).toBe('encuesta anonima, mas rapido, ñandu, café');
    expect(gsm7Length(toGsm7('“Smart” quotes – and dashes'))).toBeDefined();
  });

  it('shortens a long name, never the link or the footer, to fit one segment', () => {
    const link = 'https://abcdef1234.execute-api.us-east-1.amazonaws.com/p/AbCdEfGhIjKlMnOpQrStUv';
    const text = composeSms('Saint Anne’s Regional Medical Center and Community Clinics 2-minute anonymous pulse', link, 'Reply STOP to opt out');
    expect(gsm7Length(text)).toBeLessThanOrEqual(160);
    expect(text).toContain(`: ${link} Reply STOP to opt out`);
    expect(text.startsWith("Saint Anne's Regional")).toBe(true);
  });

  it('counts the characters GSM-7 escapes as two', () => {
    expect(gsm7Length('[€]')).toBe(6);
    expect(gsm7Length('日本')).toBeUndefined();
  });
});
