import type { Tx } from '../store/db.js';
import type { DeliveryRow } from '../store/repos/deliveries.js';
import type { PaymentEvent } from './counter/payment.js';
import type { DepayOrderEvent, DepayRefundEvent } from './depay/events.js';
import type { DepayRefundStatus, DepayStatus } from './depay/status.js';
import type { FinalStatus, InstoreIntent } from './instore-intents/intent.js';
import type { MerchantOrderEvent } from './merchant-orders/merchant-order.js';
import type { MpOrder } from './mp-orders/order.js';
import type { OrderAction } from './mp-orders/events.js';
import type { IntentEventType, PointIntentEvent } from './point-intents/events.js';

/** The sandbox's "Simulate" notification: a webhook (or IPN) of any topic with a chosen action. */
export interface TestNotificationPayload {
  topic: string;
  action: string;
  /** The seller's application, for the envelope. */
  application_id: number;
  notification_url?: string | undefined;
}

/**
 * Every event type caja emits, with its payload. Planners are registered by
 * exact type and receive the payload typed: no casts between the command that
 * emits and the planner that renders.
 */
export interface EventMap extends Record<`mp.order.${OrderAction}`, MpOrder>, Record<`depay.order.${Lowercase<DepayStatus>}`, DepayOrderEvent>, Record<`depay.refund.${Lowercase<DepayRefundStatus>}`, DepayRefundEvent>, Record<IntentEventType, PointIntentEvent>, Record<`mp.instore_intent.${Lowercase<FinalStatus>}`, InstoreIntent> {
  'mp.payment.created': PaymentEvent;
  'mp.payment.updated': PaymentEvent;
  'mp.merchant_order.created': MerchantOrderEvent;
  'mp.merchant_order.updated': MerchantOrderEvent;
  'sandbox.test': TestNotificationPayload;
}

export type EventType = keyof EventMap;

/**
 * Something that happened to an aggregate, emitted by a domain command inside
 * its transaction. The notification layer turns it into deliveries (webhooks,
 * IPN, callbacks) in the same transaction; the domain never knows how.
 */
export interface DomainEvent<K extends EventType = EventType> {
  sellerId: number;
  type: K;
  /** The id a notification names (data.id, order_id). */
  resourceId: string;
  /** A snapshot of what the notification bodies need: the planners render it into each delivery's body (the event row keeps only type, resource and time). */
  payload: EventMap[K];
  /** The seller's clock, ms. */
  at: number;
}

export interface Emitted {
  eventId: string;
  /** The deliveries the event caused (webhooks, IPN, callbacks), as stored. */
  deliveries: DeliveryRow[];
}

export interface EventSink {
  /** Stores the event and its deliveries in `tx`. */
  emit<K extends EventType>(tx: Tx, event: DomainEvent<K>): Promise<Emitted>;
  /** Stores many events (a batch of timers) and their deliveries in `tx`, in few statements; answers them in order. */
  emitMany(tx: Tx, events: ReadonlyArray<DomainEvent>): Promise<Emitted[]>;
}

/** Wakes the background loops after a commit that gave them work. */
export interface Kick {
  /**
   * A timer was stored (due at `dueAtMs` on the wall clock), or timers moved (no argument).
   * The runner polls on its own, so it runs at once only what would otherwise wait for its poll.
   */
  timers(dueAtMs?: number): void;
  deliveries(): void;
}
