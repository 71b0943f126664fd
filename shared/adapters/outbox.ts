import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { MESSAGE_KINDS } from '../domain/outgoing-message.js';
import type { Messenger, OutgoingMessage, SendOutcome } from '../ports/messenger.js';

/** What `send` names its files: never a path, so an id from a URL cannot leave the folder. */
export const outboxIdSchema = z
  .string()
  .max(64)
  .regex(/^[0-9a-z-]+$/, 'an outbox id is lowercase letters, digits and dashes');

export const outboxEntrySchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  /** Missing from files written before messages said what they were. */
  kind: z.enum(MESSAGE_KINDS).optional(),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  html: z.string().optional(),
  sentAt: z.iso.datetime(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

const OPTED_OUT_FILE = 'sms-opted-out.txt';

/**
 * The local stand-in for SES and SNS: every message becomes a JSON file in a folder, so a
 * newcomer can click the pulse links and read the digests.
 */
export class FileOutbox implements Messenger {
  private sequence = 0;

  constructor(
    private readonly directory: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    // Like SNS, the outbox refuses numbers that replied STOP (see `pulse sms stop`).
    if (message.channel === 'sms' && (await this.optedOutPhones()).has(message.to)) return 'opted-out';
    await mkdir(this.directory, { recursive: true });
    const sentAt = this.now();
    // Sortable by time, unique across processes.
    const id = `${sentAt.getTime().toString(36).padStart(9, '0')}-${(this.sequence++).toString(36).padStart(5, '0')}-${randomBytes(3).toString('hex')}`;
    const entry: OutboxEntry = { id, ...message, sentAt: sentAt.toISOString() };
    await writeFile(join(this.directory, `${id}.json`), JSON.stringify(entry, null, 2));
    return 'sent';
  }

  /** Simulates a person replying STOP to an SMS: later SMS to the number are refused. */
  async replyStop(phone: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const phones = await this.optedOutPhones();
    phones.add(phone);
    await writeFile(join(this.directory, OPTED_OUT_FILE), [...phones].join('\n') + '\n');
  }

  private async optedOutPhones(): Promise<Set<string>> {
    try {
      return new Set((await readFile(join(this.directory, OPTED_OUT_FILE), 'utf8')).split('\n').filter(Boolean));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return new Set();
      throw error;
    }
  }

  /** Every message sent so far, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    let names: string[];
    try {
      names = (await readdir(this.directory)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    }
    return Promise.all(names.map(async (name) => outboxEntrySchema.parse(JSON.parse(await readFile(join(this.directory, name), 'utf8')))));
  }

  /** One message by its id, or undefined when no such message was sent. Throws on an id that is not one. */
  async get(id: string): Promise<OutboxEntry | undefined> {
    const name = `${outboxIdSchema.parse(id)}.json`;
    try {
      return outboxEntrySchema.parse(JSON.parse(await readFile(join(this.directory, name), 'utf8')));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
