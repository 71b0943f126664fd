/**
 * `npm run pulse -- cards <department>`: a printable sheet of a department's one-time cards for
 * the open wave, for staff with no work email and no phone the organization may text.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import QRCode from 'qrcode';
import { SecretsManagerWaveSecretStore } from '../../shared/adapters/aws/secrets-manager-wave-secrets.js';
import type { Locale } from '../../shared/domain/locale.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { deriveToken } from '../../shared/domain/tokens.js';
import { acceptsAnswers, cardId, type Wave } from '../../shared/domain/wave.js';
import { systemClock, type Clock } from '../../shared/ports/clock.js';
import type { AdminTarget } from './admin-context.js';
import type { WaveSecretStore } from '../../shared/ports/wave-secrets.js';
import type { WaveStore } from '../../shared/ports/wave-store.js';
import { CARD_WORDS, CardSheet, type PrintedCard } from '../../web/views/card-sheet.js';

/** What the command reads: the config, the waves, the open wave's secret, and where links point. */
export interface CardsDeps {
  org: OrgConfig;
  /** The org file, named in what to change. */
  orgFile: string;
  waves: Pick<WaveStore, 'listWaves'>;
  secrets: Pick<WaveSecretStore, 'get'>;
  clock: Clock;
  /** The public base URL of pulse links; undefined on AWS without PULSE_BASE_URL. */
  baseUrl: string | undefined;
}

export interface CardsOptions {
  /** Where to write the sheet; by default `cards-<department>-<wave>.html` in `cwd`. */
  out?: string | undefined;
  /** The language printed first on each card; by default the organization's. */
  lang?: string | undefined;
  cwd?: string;
}

/** Why no sheet was written, in words that say what to do; nothing was changed. */
export class CardsRefusedError extends Error {
  override readonly name = 'CardsRefusedError';
}

/** The links of a department's cards in a wave, numbered from 1: what the wave issued their tokens from. */
export function cardLinks(secret: Buffer, department: string, count: number, baseUrl: string): string[] {
  return Array.from({ length: count }, (_, index) => `${baseUrl.replace(/\/+$/, '')}/p/${deriveToken(secret, cardId(department, index + 1))}`);
}

/** A card's QR code as inline SVG, named for a screen reader. */
async function qrCode(link: string, label: string): Promise<string> {
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const escaped = label.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${escaped}" focusable="false" `);
}

/**
 * Writes the sheet of `department`'s cards for the open wave and says where. Every refusal
 * throws {@link CardsRefusedError} before anything is written.
 */
export async function writeCardSheet(
  deps: CardsDeps,
  department: string | undefined,
  options: CardsOptions = {},
): Promise<{ file: string; cards: number; wave: Wave; notes: string[] }> {
  const { org } = deps;
  const withCards = org.departments.filter((d) => d.cards !== undefined);
  const setCards = `set "cards" (how many a wave) on the department under "departments" in ${deps.orgFile}`;
  if (department === undefined) {
    throw new CardsRefusedError(
      withCards.length > 0
        ? `Name a department: npm run pulse -- cards <department>. Departments with cards: ${withCards.map((d) => `${d.id} (${d.cards})`).join(', ')}.`
        : `Name a department: npm run pulse -- cards <department>. No department has printed cards yet: ${setCards}.`,
    );
  }
  const configured = org.departments.find((d) => d.id === department);
  if (!configured) throw new CardsRefusedError(`Unknown department "${department}". Departments: ${org.departments.map((d) => d.id).join(', ')}.`);
  const first = options.lang ?? org.defaultLocale;
  if (!(org.locales as readonly string[]).includes(first))
    throw new CardsRefusedError(`--lang "${first}" is not one of the organization's languages: ${org.locales.join(', ')}.`);

  const now = deps.clock.now();
  const wave = (await deps.waves.listWaves()).find((w) => acceptsAnswers(w, now));
  if (configured.cards === undefined && wave?.cards?.[department] === undefined) {
    throw new CardsRefusedError(
      `${configured.name.en} (${department}) gets no printed cards: ${setCards}, e.g. "cards": 20. Cards are issued when a wave opens, so they come with the next wave.`,
    );
  }
  if (!wave) {
    throw new CardsRefusedError(
      'No wave is open. Cards are issued when a wave opens and work until it closes: print them once it has opened (`npm run pulse -- wave open`, or the schedule on AWS).',
    );
  }
  const count = wave.cards?.[department];
  if (count === undefined) {
    throw new CardsRefusedError(
      `Wave ${wave.id} opened before ${configured.name.en} (${department}) had cards in ${deps.orgFile}, so it issued none for it: its cards come with the next wave.`,
    );
  }
  if (deps.baseUrl === undefined) throw new CardsRefusedError('cards needs PULSE_BASE_URL: the PulseUrl output of the CarePulse-<id> stack.');
  const secret = await deps.secrets.get(wave.id);
  if (!secret) throw new CardsRefusedError(`The secret of wave ${wave.id} is gone (the wave is closing): its cards can no longer be printed.`);

  const locales = [first as Locale, ...org.locales.filter((l) => l !== first)] as [Locale, ...Locale[]];
  const links = cardLinks(secret, department, count, deps.baseUrl);
  const label = locales.map((locale) => CARD_WORDS[locale].qrLabel).join(' / ');
  const cards: PrintedCard[] = await Promise.all(links.map(async (link) => ({ link, qrSvg: await qrCode(link, label) })));
  const html = String(CardSheet({ locales, orgName: org.name, departmentName: configured.name, wave, timeZone: org.timeZone, cards }));
  const file = resolve(options.cwd ?? process.cwd(), options.out ?? `cards-${department}-${wave.id}.html`);
  // The sheet holds live links: readable by its writer alone.
  await writeFile(file, html, { mode: 0o600 });
  const notes =
    configured.cards !== undefined && configured.cards !== count
      ? [
          `The org file now says ${configured.cards} cards; wave ${wave.id} opened with ${count}, so those are printed. The new number applies from the next wave.`,
        ]
      : [];
  return { file, cards: count, wave, notes };
}

/**
 * Wave secrets on AWS as this shell's credentials reach them. The admins' policy reads no
 * secret, on purpose: whoever reads one can work out every link of its wave and see who has
 * answered. So printing cards on AWS takes a role allowed to read it, and a refusal says so.
 */
export function awsWaveSecrets(org: Pick<OrgConfig, 'id'>): Pick<WaveSecretStore, 'get'> & { close(): void } {
  const client = new SecretsManagerClient({});
  // The prefix the stack creates them under (infra/constructs/distribution.ts).
  const prefix = `care-pulse/${org.id}/wave/`;
  const store = new SecretsManagerWaveSecretStore({ client, prefix });
  return {
    async get(waveId) {
      try {
        return await store.get(waveId);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'AccessDeniedException')) throw error;
        throw new CardsRefusedError(
          [
            `These AWS credentials may not read the secret of wave ${waveId} (${prefix}${waveId} in Secrets Manager), which every card's link is worked out from.`,
            'The admin policy (the AdminPolicyArn output) grants no read of any wave secret, on purpose: whoever reads one can work out every link of the wave and see who has answered (docs/privacy.md).',
            'Printing cards on AWS takes a role allowed secretsmanager:GetSecretValue on that secret and kms:Decrypt on its key, used as break-glass access is: by someone who does not also read the table, and logged in CloudTrail.',
          ].join('\n'),
          { cause: error },
        );
      }
    },
    close: () => client.destroy(),
  };
}

/** The command as the CLI runs it, locally or (with a role that may read the secret) on AWS; its exit code. */
export async function cardsCommand(
  context: {
    org: OrgConfig;
    env: { orgFile: string };
    target: AdminTarget;
    stores: { waves: Pick<WaveStore, 'listWaves'> };
    secrets: Pick<WaveSecretStore, 'get'>;
  },
  department: string | undefined,
  flags: { out?: string | undefined; lang?: string | undefined },
): Promise<number> {
  const aws = context.target.kind === 'aws' ? awsWaveSecrets(context.org) : undefined;
  const deps = { org: context.org, orgFile: context.env.orgFile, waves: context.stores.waves, secrets: aws ?? context.secrets, clock: systemClock };
  try {
    const sheet = await writeCardSheet({ ...deps, baseUrl: context.target.baseUrl }, department, flags);
    console.log(`Wrote the ${sheet.cards} one-time cards of wave ${sheet.wave.id} (open until ${sheet.wave.closesAt}) to ${sheet.file}.`);
    for (const note of sheet.notes) console.log(note);
    console.log(
      'Print it at actual size, cut the cards out and hand them all out, keeping no note of who got which. Then delete the file: it holds live links.',
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CardsRefusedError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    aws?.close();
  }
}
