import type { Tx } from '../store/db.js';
import type { DeliveryRow } from '../store/repos/deliveries.js';

/**
 * Something that happened to an aggregate, emitted by a domain command inside
 * its transaction. The notification layer turns it into deliveries (webhooks,
 * IPN, callbacks) in the same transaction; the domain never knows how.
 */
export interface DomainEvent {
  sellerId: number;
  /** e.g. "mp.order.processed", "depay.order.completed", "sandbox.test". */
  type: string;
  /** The id a notification names (data.id, order_id). */
  resourceId: string;
  /** A JSON snapshot of what the notification bodies need. */
  payload: Record<string, unknown>;
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
  emit(tx: Tx, event: DomainEvent): Promise<Emitted>;
}

/** Wakes the background loops after a commit that gave them work. */
export interface Kick {
  timers(): void;
  deliveries(): void;
}
