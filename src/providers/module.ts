import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.js';
import type { CounterFamily } from '../domain/counter/family.js';
import type { TimerHandler } from '../domain/timers.js';
import type { DeliveryKind, PlannerEntry } from '../notify/types.js';

/**
 * How an API family plugs into caja: its HTTP routes, how its events become
 * notifications, how those are sent, what its timers do, and what the wallet
 * can pay. The runtime collects every module; nothing else needs to change to
 * add a provider.
 */
export interface ProviderModule {
  name: string;
  routes(app: FastifyInstance, ctx: Ctx): Promise<void>;
  /** [exact event type, planner]. */
  planners: PlannerEntry[];
  deliveryKinds: DeliveryKind[];
  /** [timer kind, handler]. */
  timerHandlers: Array<[string, TimerHandler]>;
  /** The API families whose charges payers pay at the counter. */
  families: CounterFamily[];
}
