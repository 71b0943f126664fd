import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Messenger, OutgoingMessage } from '../ports/messenger.js';

export const outboxEntrySchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string().optional(),
  text: z.string(),
  html: z.string().optional(),
  sentAt: z.iso.datetime(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

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

  async send(message: OutgoingMessage): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const sentAt = this.now();
    // Sortable by time, unique across processes.
    const id = `${sentAt.getTime().toString(36).padStart(9, '0')}-${(this.sequence++).toString(36).padStart(5, '0')}-${randomBytes(3).toString('hex')}`;
    const entry: OutboxEntry = { id, ...message, sentAt: sentAt.toISOString() };
    await writeFile(join(this.directory, `${id}.json`), JSON.stringify(entry, null, 2));
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
}
