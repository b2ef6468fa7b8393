import type { DomainEvent, EventType } from '../domain/events.js';
import type { Tx } from '../store/db.js';
import type { DeliveryRow } from '../store/repos/deliveries.js';
import type { SellerRow } from '../store/repos/sellers.js';
import type { WebhookConfigRow } from '../store/repos/webhook-configs.js';

/** One delivery an event should cause; a null url means "nowhere to send", recorded as skipped. */
export interface DeliveryPlan {
  kind: string;
  topic: string;
  action?: string | undefined;
  url: string | null;
  /** JSON body, rendered now: a notification shows the state at the event. */
  body: unknown;
  /** Why url is null, shown in the delivery log. */
  skipReason?: string | undefined;
}

/** Provider code that knows which notifications an event of type K causes. */
export type EventPlanner<K extends EventType = EventType> = (tx: Tx, event: DomainEvent<K>) => Promise<DeliveryPlan[]>;

/** A planner registered for one exact event type (the pair keeps K and its planner together). */
export type PlannerEntry = { [K in EventType]: readonly [K, EventPlanner<K>] }[EventType];

/** Registers one planner for several exact types that share a payload. */
export function plannersFor<K extends EventType>(types: readonly K[], planner: EventPlanner<K>): PlannerEntry[] {
  return types.map((t) => [t, planner] as unknown as PlannerEntry);
}

export interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SendContext {
  seller: SellerRow;
  webhookConfig: WebhookConfigRow | undefined;
  /** The seller's clock at this attempt, ms. */
  now: number;
}

/** Provider code that turns a stored delivery into the HTTP request of one attempt (signature, headers). */
export interface DeliveryKind {
  name: string;
  prepare(d: DeliveryRow, c: SendContext): PreparedRequest;
  /** Delays before each retry, ms; the length is the number of retries. */
  retrySchedule: number[];
}
