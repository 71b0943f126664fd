import type { OrgConfig } from '../domain/org-config.js';
import type { Clock } from '../ports/clock.js';
import type { DeliveryQueue } from '../ports/delivery-queue.js';
import type { Stores } from '../ports/stores.js';
import type { WaveSecretStore } from '../ports/wave-secrets.js';

/** What opening, reminding, dispatching and closing a wave work with. */
export interface WaveDeps extends Pick<Stores, 'roster' | 'waves' | 'answers' | 'actions'> {
  secrets: WaveSecretStore;
  queue: DeliveryQueue;
  clock: Clock;
  org: OrgConfig;
}
