import type { OrgConfig } from '../domain/org-config.js';
import type { Clock } from '../ports/clock.js';
import type { DeliveryQueue } from '../ports/delivery-queue.js';
import type { PulseStore } from '../ports/pulse-store.js';
import type { WaveSecretStore } from '../ports/wave-secrets.js';

/** What opening, reminding, dispatching and closing a wave work with. */
export interface WaveDeps {
  store: PulseStore;
  secrets: WaveSecretStore;
  queue: DeliveryQueue;
  clock: Clock;
  org: OrgConfig;
}
