import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import type { DepayTokenTable } from '../schema-depay.js';
import type { SellerRow } from './sellers.js';

export type DepayTokenRow = Selectable<DepayTokenTable>;

export async function insertDepayToken(ex: Executor, row: DepayTokenRow): Promise<void> {
  await ex.insertInto('depay_tokens').values(row).execute();
}

/** The token and its seller, whatever its state; the caller checks kind, expiry and use. */
export async function findDepayToken(ex: Executor, tokenHash: string): Promise<{ token: DepayTokenRow; seller: SellerRow } | undefined> {
  const token = await ex.selectFrom('depay_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!token) return undefined;
  const seller = await ex.selectFrom('sellers').selectAll().where('id', '=', token.seller_id).executeTakeFirst();
  return seller ? { token, seller } : undefined;
}

/** Spends a refresh token once: false when another request spent it first. */
export async function spendDepayToken(ex: Executor, tokenHash: string, at: number): Promise<boolean> {
  const r = await ex.updateTable('depay_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
