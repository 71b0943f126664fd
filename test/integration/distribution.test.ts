import { describe, expect, it } from 'vitest';
import { gsm7Length } from '../../shared/domain/sms.js';
import { CHANNELS, type Staff } from '../../shared/domain/staff.js';
import type { Delivery, DeliveryKind } from '../../shared/domain/wave.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { dispatchPending } from '../../shared/services/dispatch.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { remindWave } from '../../shared/use-cases/remind-wave.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { completeForm, linkToken, postForm, testPlatform } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

const track = dropAfterEach();

async function platform(...args: Parameters<typeof testPlatform>) {
  const p = await testPlatform(...args);
  track(p);
  return p;
}

/** What SQS would bring again: a delivery of every kind given on both channels for everyone (those not reachable on one are skipped). */
const everyChannel = (staff: Staff[], waveId: string, kind: DeliveryKind): Delivery[] =>
  CHANNELS.flatMap((channel) => staff.map((s) => ({ waveId, staffId: s.id, kind, channel })));

const mixedStaff = () => [
  ...staffIn('ed', 'nurse', 6, { channel: 'both' }),
  ...staffIn('ed', 'physician', 5, { channel: 'email', locale: 'es' }),
  ...staffIn('lab', 'nurse', 4, { channel: 'sms', locale: 'es' }),
];

describe('opening a wave', () => {
  it('sends exactly one message per person and channel, each with a working link', async () => {
    const p = await platform({ staff: mixedStaff() });
    const { wave, dispatch } = await openWave(p.waveDeps);
    expect(dispatch.queued.invite).toBe(15);
    const messages = await p.outbox.list();
    const keys = messages.map((m) => `${m.channel}:${m.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(messages.filter((m) => m.channel === 'email')).toHaveLength(11);
    expect(messages.filter((m) => m.channel === 'sms')).toHaveLength(10);
    for (const message of messages) {
      const response = await p.app.request(`/p/${linkToken(message.text)}`);
      expect(response.status, message.to).toBe(200);
    }
    expect(wave.issued).toBe(15);
  });

  it('queues a unit’s invitations together in a random order, never the roster’s', async () => {
    const p = await platform({ staff: staffIn('ed', 'nurse', 40) });
    const orders: string[][] = [];
    const listed = (await p.stores.roster.listStaff('ed')).map((s) => s.id);
    for (let wave = 0; wave < 2; wave++) {
      const held: Delivery[] = [];
      const { wave: opened } = await openWave({ ...p.waveDeps, queue: { enqueue: async (deliveries) => void held.push(...deliveries) } });
      orders.push(held.map((d) => d.staffId));
      await closeWave(p.waveDeps, opened.id);
      p.forget();
      p.clock.advance(14 * 24 * 3600 * 1000);
    }
    for (const order of orders) {
      expect([...order].sort()).toEqual([...listed].sort());
      // 40 people: the chance of any one fixed order is 1 in 40!, so these cannot fail by luck.
      expect(order).not.toEqual(listed);
      expect(order).not.toEqual([...listed].sort());
    }
    expect(orders[0]).not.toEqual(orders[1]);
  });

  it('queues each person one delivery per channel they can be reached on, so each channel’s sender goes at its own rate', async () => {
    const p = await platform({ staff: mixedStaff() });
    const held: Delivery[] = [];
    await openWave({ ...p.waveDeps, queue: { enqueue: async (deliveries) => void held.push(...deliveries) } });
    const byChannel = (channel: string) =>
      held
        .filter((d) => d.channel === channel)
        .map((d) => d.staffId)
        .sort();
    const reachableBy = (channel: 'email' | 'sms') =>
      p.staff
        .filter((s) => s.channel === channel || s.channel === 'both')
        .map((s) => s.id)
        .sort();
    expect(byChannel('email')).toEqual(reachableBy('email'));
    expect(byChannel('sms')).toEqual(reachableBy('sms'));
    expect(held).toHaveLength(21);
  });

  it('sends no SMS for an organization that has not turned SMS on, and counts only the people it can reach', async () => {
    const emailOnly = testOrg({ channels: { email: { enabled: true, from: 'pulse@test.example' }, sms: { enabled: false } } });
    const p = await platform({ org: emailOnly, staff: mixedStaff() });
    const { wave, dispatch } = await openWave(p.waveDeps);
    const messages = await p.outbox.list();
    expect(messages.map((m) => m.channel)).toEqual(Array(11).fill('email'));
    // The lab's four asked for SMS only: no link reaches them, so no unit counts them.
    expect(dispatch.queued.invite).toBe(11);
    expect(wave.issued).toBe(11);
    // So does the reminder.
    const reminder = await remindWave(p.waveDeps);
    expect(reminder.dispatch.queued.reminder).toBe(11);
    expect((await p.outbox.list()).map((m) => m.channel)).toEqual(Array(22).fill('email'));
  });

  it('refuses to open for an organization that sends on no channel, saying which settings to add', async () => {
    const p = await platform({ org: testOrg({ channels: { email: { enabled: false, from: 'pulse@test.example' } } }), staff: mixedStaff() });
    await expect(openWave(p.waveDeps)).rejects.toThrow(
      'Only 0 staff on the roster can be sent a link (active, with a channel the organization sends on that they have not opted out of; it sends on no channel: set channels.email.enabled or channels.sms.enabled in the org file)',
    );
    expect(await p.outbox.list()).toEqual([]);
  });

  it('refuses to open for an organization smaller than k, saying why, and sends nothing', async () => {
    const p = await platform({ staff: staffIn('ed', 'nurse', 4) });
    await expect(openWave(p.waveDeps)).rejects.toThrow('Only 4 staff on the roster can be sent a link');
    expect(await p.stores.waves.listWaves()).toEqual([]);
    expect(await p.outbox.list()).toEqual([]);
  });

  it('sends SMS of at most 160 GSM-7 characters, with the link and the STOP footer, in the person’s language', async () => {
    const longName = testOrg({ name: 'Saint Anne’s Regional Medical Center and Community Clinics of the Valley' });
    const p = await platform({ org: longName, staff: mixedStaff() });
    await openWave(p.waveDeps);
    const sms = (await p.outbox.list()).filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(10);
    for (const message of sms) {
      const length = gsm7Length(message.text);
      expect(length, message.text).toBeDefined();
      expect(length!).toBeLessThanOrEqual(160);
      expect(message.text).toMatch(/https:\/\/pulse\.test\.example\/p\/[A-Za-z0-9_-]{22}(\?lang=es)? /);
    }
    expect(sms.some((m) => m.text.endsWith('Reply STOP to opt out'))).toBe(true);
    expect(sms.some((m) => m.text.endsWith('Responda STOP para no recibir mas'))).toBe(true);
  });

  it('sends email with an HTML and a text part, a one-click unsubscribe link, in the person’s language', async () => {
    const p = await platform({ staff: mixedStaff() });
    await openWave(p.waveDeps);
    const spanish = (await p.outbox.list()).find((m) => m.to === 'ed.physician.0@staff.example')!;
    expect(spanish.subject).toBe('Test Clinic: encuesta anónima de 2 minutos');
    expect(spanish.html).toContain('<html lang="es">');
    expect(spanish.text).toContain('/u/');
  });
});

describe('reminders', () => {
  it('reach everyone in the wave again with the same link, whether or not they answered', async () => {
    const p = await platform({ staff: mixedStaff() });
    const { wave } = await openWave(p.waveDeps);
    const invites = await p.outbox.list();
    const linkOf = new Map(invites.map((m) => [`${m.channel}:${m.to}`, linkToken(m.text)]));
    // Some people answer first; the reminder must not depend on it.
    for (const token of [...new Set(linkOf.values())].slice(0, 5)) expect((await postForm(p.app, token!, completeForm(wave.items))).status).toBe(200);

    const { dispatch } = await remindWave(p.waveDeps);
    expect(dispatch.queued.reminder).toBe(15);
    const reminders = (await p.outbox.list()).slice(invites.length);
    expect(reminders).toHaveLength(invites.length);
    for (const reminder of reminders) expect(linkToken(reminder.text)).toBe(linkOf.get(`${reminder.channel}:${reminder.to}`));
    expect(reminders.find((m) => m.channel === 'email' && m.to.startsWith('ed.nurse'))!.text).toContain('If you have already answered, thank you');
  });

  it('are sent once even when dispatch and delivery run again', async () => {
    const p = await platform({ staff: mixedStaff() });
    const { wave } = await openWave(p.waveDeps);
    await remindWave(p.waveDeps);
    const count = (await p.outbox.list()).length;
    await dispatchPending(p.waveDeps, wave.id);
    // A redelivered queue message (SQS delivers at least once) is a no-op.
    await p.queue.enqueue(everyChannel(p.staff, wave.id, 'reminder'));
    expect(await p.outbox.list()).toHaveLength(count);
  });
});

describe('closing a wave', () => {
  it('makes its links answer 410, destroys its secret, and stops further sends', async () => {
    const p = await platform({ staff: mixedStaff() });
    const { wave } = await openWave(p.waveDeps);
    const token = linkToken((await p.outbox.list())[0]!.text)!;
    await closeWave(p.waveDeps, wave.id);
    expect((await p.app.request(`/p/${token}`)).status).toBe(410);
    expect(await p.secrets.get(wave.id)).toBeUndefined();
    p.forget();
    const before = (await p.outbox.list()).length;
    await p.queue.enqueue(everyChannel(p.staff, wave.id, 'reminder'));
    expect(await p.outbox.list()).toHaveLength(before);
  });
});

describe('send windows', () => {
  it('hold a night-shift unit until its window opens, then send once', async () => {
    // 15:00 UTC is 10:00 in New York: outside a 19:00-07:00 night window.
    const org = testOrg({
      departments: [
        { id: 'clinic', name: 'Clinic' },
        { id: 'ed', name: 'Emergency', parent: 'clinic' },
        { id: 'lab', name: 'Night lab', parent: 'clinic', sendWindow: { start: '19:00', end: '07:00' } },
      ],
    });
    const p = await platform({ org, staff: mixedStaff() });
    const { wave, dispatch } = await openWave(p.waveDeps);
    expect(dispatch.held).toEqual(['lab']);
    expect((await p.outbox.list()).some((m) => m.to.startsWith('+1') && m.text.includes('encuesta'))).toBe(false);
    p.clock.advance(10 * 60 * 60 * 1000); // 20:00 in New York
    const later = await dispatchPending(p.waveDeps, wave.id);
    expect(later.queued.invite).toBe(4);
    expect(later.held).toEqual([]);
    const again = await dispatchPending(p.waveDeps, wave.id);
    expect(again.queued.invite).toBe(0);
    expect((await p.outbox.list()).filter((m) => m.channel === 'sms')).toHaveLength(10);
  });
});

describe('opt-outs', () => {
  it('honour an email unsubscribe on the next send', async () => {
    const p = await platform({ staff: mixedStaff() });
    await openWave(p.waveDeps);
    const invite = (await p.outbox.list()).find((m) => m.to === 'ed.nurse.0@staff.example' && m.channel === 'email')!;
    const unsubscribePath = new URL(/https:\/\/\S+\/u\/\S+/.exec(invite.text)![0]).pathname;
    expect((await p.app.request(unsubscribePath)).status).toBe(200); // a GET only asks
    const confirmed = await p.app.request(unsubscribePath, {
      method: 'POST',
      body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(200);
    expect((await p.app.request(unsubscribePath.replace(/[^/]+$/, 'A'.repeat(22)), { method: 'POST' })).status).toBe(404);

    const before = (await p.outbox.list()).length;
    await remindWave(p.waveDeps);
    const reminders = (await p.outbox.list()).slice(before);
    expect(reminders.some((m) => m.to === 'ed.nurse.0@staff.example')).toBe(false);
    // The same person still gets the SMS they also chose.
    expect(reminders.filter((m) => m.channel === 'sms' && m.to === p.staff[0]!.phone)).toHaveLength(1);
  });

  it('honour an SMS STOP: nothing is sent to the number and the roster records it', async () => {
    const p = await platform({ staff: mixedStaff() });
    const stopped = p.staff.find((s) => s.department === 'lab')!;
    await p.outbox.replyStop(stopped.phone!);
    await openWave(p.waveDeps);
    expect((await p.outbox.list()).some((m) => m.to === stopped.phone)).toBe(false);
    expect(await p.stores.roster.getStaff(stopped.id)).toMatchObject({ smsOptOut: true });
  });
});
