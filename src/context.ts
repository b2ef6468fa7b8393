import type { AdminToken } from './config/admin-token.js';
import type { Config } from './config/config.js';
import type { Clock } from './core/clock.js';
import type { EventSink, Kick } from './domain/events.js';
import type { Counter } from './domain/counter/counter.js';
import type { Logger } from './log/logger.js';
import type { Store } from './store/db.js';

/** What every layer above the store is handed: no globals, so tests build as many as they like. */
export interface Ctx {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly admin: AdminToken;
  /** Where domain commands emit events (the transactional outbox). */
  readonly events: EventSink;
  readonly kick: Kick;
  /** Where payers pay: sources → open charges → the family that owns them. */
  readonly counter: Counter;
}
