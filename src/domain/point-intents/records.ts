import type { Executor } from '../../store/db.js';
import { casPointIntentRow, findPointIntentRow, insertPointIntentRow, pointIntentRowsChangedBetween } from '../../store/repos/point-intents.js';
import type { PointIntentTable } from '../../store/schema-point-intents.js';
import type { IntentState, PaymentIntent } from '../terminals/intents.js';

function toRow(i: PaymentIntent): PointIntentTable {
  return { id: i.id, seller_id: i.seller_id, device_id: i.device_id, status: i.status, version: i.version, document: JSON.stringify(i), created_at: i.created_at, updated_at: i.updated_at };
}

const fromRow = (r: PointIntentTable | undefined): PaymentIntent | undefined => r && { ...(JSON.parse(r.document) as PaymentIntent), version: r.version };

export const insertIntent = (ex: Executor, i: PaymentIntent): Promise<void> => insertPointIntentRow(ex, toRow(i));
export const saveIntent = (ex: Executor, i: PaymentIntent, expected: number): Promise<boolean> => casPointIntentRow(ex, toRow(i), expected);
export const findIntentById = async (ex: Executor, id: string) => fromRow(await findPointIntentRow(ex, id));

/** A seller's intent (undefined for another seller's). */
export async function findIntent(ex: Executor, sellerId: number, id: string): Promise<PaymentIntent | undefined> {
  const i = await findIntentById(ex, id);
  return i && i.seller_id === sellerId ? i : undefined;
}

export async function intentsEndedBetween(ex: Executor, sellerId: number, states: readonly IntentState[], from: number, to: number, limit: number): Promise<PaymentIntent[]> {
  return (await pointIntentRowsChangedBetween(ex, sellerId, states, from, to, limit)).map((r) => fromRow(r)!);
}
