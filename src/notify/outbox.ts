import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
import type { DomainEvent, Emitted, EventSink, EventType, Kick } from '../domain/events.js';
import type { Tx } from '../store/db.js';
import { insertEventsWithDeliveries, type DeliveryRow } from '../store/repos/deliveries.js';
import type { EventTable } from '../store/schema.js';
import type { Insertable } from 'kysely';
import type { DeliveryPlan, EventPlanner, PlannerEntry } from './types.js';

/**
 * The transactional outbox. `emit` (and `emitMany`, a batch's events in one
 * or two statements) runs inside the domain command's transaction: the event
 * row and one delivery row per target commit with the state change, or not at
 * all. Nothing is sent from here; the worker is only woken once the commit is done.
 */
export function createOutbox(entries: readonly PlannerEntry[], clock: Clock, kick: Kick): EventSink {
  // Planners by exact event type; an event type may have several (one per provider module).
  const planners = new Map<EventType, EventPlanner[]>();
  for (const [type, planner] of entries) planners.set(type, [...(planners.get(type) ?? []), planner as EventPlanner]);
  const emitMany = async (tx: Tx, events: ReadonlyArray<DomainEvent>): Promise<Emitted[]> => {
    // The planners of a batch read each seller's webhook configuration once (Tx.memo); a lone event needs no memo.
    const batch: Tx = tx.memo || events.length < 2 ? tx : { ...tx, memo: new Map() };
    const rows: Array<Insertable<EventTable>> = [];
    const emitted: Emitted[] = [];
    let send = false;
    for (const event of events) {
      const eventId = newId('EVT', event.at);
      const plans: DeliveryPlan[] = [];
      for (const plan of planners.get(event.type) ?? []) plans.push(...(await plan(batch, event)));
      send ||= plans.some((p) => p.url);
      rows.push({ id: eventId, seller_id: event.sellerId, type: event.type, resource_id: event.resourceId, created_at: event.at });
      emitted.push({ eventId, deliveries: plans.map((p) => deliveryRow(eventId, event, p, clock.realNow())) });
    }
    await insertEventsWithDeliveries(tx.ex, rows, emitted.flatMap((e) => e.deliveries));
    if (send) tx.onCommit(kick.deliveries);
    return emitted;
  };
  return {
    emit: async (tx, event) => (await emitMany(tx, [event as DomainEvent]))[0]!,
    emitMany,
  };
}

export function deliveryRow(eventId: string, event: Pick<DomainEvent, 'sellerId' | 'resourceId' | 'at'>, p: DeliveryPlan, realNow: number): DeliveryRow {
  return {
    id: newId('DLV', event.at),
    event_id: eventId,
    seller_id: event.sellerId,
    kind: p.kind,
    topic: p.topic,
    action: p.action ?? null,
    resource_id: event.resourceId,
    url: p.url,
    body: JSON.stringify(p.body),
    // One x-request-id per delivery, kept across its retries; a replay is a new delivery.
    request_id: randomUUID(),
    status: p.url ? 'pending' : 'skipped',
    attempt_count: 0,
    due_at: p.url ? realNow : null,
    lease_owner: null,
    lease_until: null,
    last_error: p.url ? null : (p.skipReason ?? 'no notification URL'),
    replay_of: null,
    created_at: event.at,
    updated_at: event.at,
  };
}
