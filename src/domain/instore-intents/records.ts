import type { Executor } from '../../store/db.js';
import { casIntentRow, findIntentRow, insertIntentRow, latestIntentRows } from '../../store/repos/instore-intents.js';
import type { InstoreIntentTable } from '../../store/schema-instore-intents.js';
import type { InstoreIntent } from './intent.js';

function toRow(i: InstoreIntent): InstoreIntentTable {
  return {
    id: i.id,
    seller_id: i.seller_id,
    kind: i.kind,
    pos_id: i.pos_id,
    terminal_id: i.terminal_id,
    external_reference: i.external_reference,
    status: i.status,
    expires_at: i.expires_at,
    version: i.version,
    document: JSON.stringify(i),
    created_at: i.created_at,
    updated_at: i.updated_at,
  };
}

const fromRow = (r: InstoreIntentTable | undefined): InstoreIntent | undefined => r && { ...(JSON.parse(r.document) as InstoreIntent), version: r.version };

export const insertIntent = (ex: Executor, i: InstoreIntent): Promise<void> => insertIntentRow(ex, toRow(i));
export const saveIntent = (ex: Executor, i: InstoreIntent, expected: number): Promise<boolean> => casIntentRow(ex, toRow(i), expected);
export const findIntent = async (ex: Executor, id: string) => fromRow(await findIntentRow(ex, id));
export const latestIntents = async (ex: Executor, sellerId: number, limit: number, offset: number) => (await latestIntentRows(ex, sellerId, limit, offset)).map((r) => fromRow(r)!);
