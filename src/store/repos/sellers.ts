import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import { verifiedRead, type TxReads } from '../verified-reads.js';
import type { CredentialTable, SellerTable } from '../schema.js';

export type SellerRow = Selectable<SellerTable>;

export async function insertSeller(ex: Executor, row: SellerRow): Promise<void> {
  await ex.insertInto('sellers').values(row).execute();
}

export async function insertCredential(ex: Executor, row: CredentialTable): Promise<void> {
  await ex.insertInto('credentials').values(row).execute();
}

export async function deleteCredentials(ex: Executor, sellerId: number, kind: CredentialTable['kind']): Promise<void> {
  await ex.deleteFrom('credentials').where('seller_id', '=', sellerId).where('kind', '=', kind).execute();
}

// Every authenticated request runs this: compiled once (prepared.ts).
const sellerByCredential = prepared({ tokenHash: true, kind: true }, (db, p: { tokenHash: string; kind: CredentialTable['kind'] }) =>
  db
    .selectFrom('credentials')
    .innerJoin('sellers', 'sellers.id', 'credentials.seller_id')
    .selectAll('sellers')
    .where('credentials.token_hash', '=', p.tokenHash)
    .where('credentials.kind', '=', p.kind),
);

export async function findSellerByCredential(
  ex: Executor,
  tokenHash: string,
  kind: CredentialTable['kind'],
): Promise<SellerRow | undefined> {
  return (await sellerByCredential.run(ex, { tokenHash, kind })).rows[0];
}

/**
 * `findSellerByCredential` for an access token inside a transaction, as a verified read
 * (verified-reads.ts): on PostgreSQL a token seen before is checked in the transaction's
 * statement instead of read in a round trip of its own.
 */
export async function findSellerByAccessTokenIn(ex: Executor, reads: TxReads | undefined, tokenHash: string): Promise<SellerRow | undefined> {
  return verifiedRead(ex, reads, sellerByCredential, { tokenHash, kind: 'access_token' }, `seller\n${tokenHash}`);
}

export async function getSeller(ex: Executor, id: number): Promise<SellerRow | undefined> {
  return ex.selectFrom('sellers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Oldest first (the demo seller leads). */
export async function listSellers(ex: Executor, limit: number, offset: number): Promise<SellerRow[]> {
  return ex.selectFrom('sellers').selectAll().orderBy('id').limit(limit).offset(offset).execute();
}

export async function countSellers(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('sellers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves a seller's test clock forward; returns the new offset. */
export async function addClockOffset(ex: Executor, id: number, deltaMs: number): Promise<number> {
  const row = await ex
    .updateTable('sellers')
    .set((eb) => ({ clock_offset_ms: eb('clock_offset_ms', '+', deltaMs) }))
    .where('id', '=', id)
    .returning('clock_offset_ms')
    .executeTakeFirstOrThrow();
  return row.clock_offset_ms;
}

export async function setWebhookSecret(ex: Executor, id: number, secret: string): Promise<void> {
  await ex.updateTable('sellers').set({ webhook_secret: secret }).where('id', '=', id).execute();
}
