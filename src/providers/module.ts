import type { FastifyInstance } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import type { Ctx } from '../context.js';
import type { CounterFamily } from '../domain/counter/family.js';
import type { BulkTimerHandler, TimerHandler } from '../domain/timers.js';
import type { DeliveryKind, PlannerEntry } from '../notify/types.js';
import type { Seller } from '../domain/sellers/seller.js';
import type { Tx } from '../store/db.js';

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
  /** [timer kind, handler for many due timers of that kind at once]; a kind here also has its one-by-one handler above. */
  bulkTimerHandlers?: Array<[string, BulkTimerHandler]>;
  /** The API families whose charges payers pay at the counter. */
  families: CounterFamily[];
  /** Options a seller can be given when it is created (POST /sandbox/sellers); the sandbox, above providers, calls them. */
  sellerOptions?: SellerOptionsHook[];
}

/**
 * A provider's seller options, accepted at seller creation as an object under
 * `key` of POST /sandbox/sellers (the same object its own PUT takes): the
 * sandbox validates it with `schema` and calls `apply` in the transaction that
 * creates the seller, so the seller never exists without them.
 */
export interface SellerOptionsHook {
  key: string;
  schema: TObject;
  /** The options as stored, which the 201 prints under `key`. */
  answer: TObject;
  /** Stores the (validated) options; answers the seller's options as they now are. */
  apply(ctx: Ctx, tx: Tx, seller: Seller, value: Record<string, unknown>): Promise<Record<string, unknown>>;
}
