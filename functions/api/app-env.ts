import type { FileOutbox } from '../../shared/adapters/outbox.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { Log } from '../../shared/logger.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { Counters } from '../../shared/ports/counters.js';
import type { Stores } from '../../shared/ports/stores.js';
import type { WaveCache } from '../../shared/services/pulse-links.js';

export interface AppDeps extends Stores {
  clock: Clock;
  org: OrgConfig;
  log: Log;
  random?: () => number;
  /** Local platform only: exposes GET /dev/outbox. Never set on AWS. */
  outbox?: FileOutbox;
  /** Organization-wide counters (answers counted, busy replies); none locally. */
  counters?: Counters;
}

export type AppEnv = { Variables: { deps: Required<Omit<AppDeps, 'outbox'>> & Pick<AppDeps, 'outbox'> & { waveCache: WaveCache } } };
