import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { QrCodeTable } from '../schema.js';

export type QrCodeRow = Selectable<QrCodeTable>;

// Every dynamic QR issued is inserted: compiled once (prepared.ts).
const insert = prepared({ token: true, seller_id: true, kind: true, target_id: true, payload: true, created_at: true }, (db, row: QrCodeRow) =>
  db.insertInto('qr_codes').values(row),
);

export async function insertQrCode(ex: Executor, row: QrCodeRow): Promise<void> {
  await insert.write(ex, row);
}

export async function findQrCode(ex: Executor, token: string): Promise<QrCodeRow | undefined> {
  return ex.selectFrom('qr_codes').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function deleteQrCode(ex: Executor, token: string): Promise<void> {
  await ex.deleteFrom('qr_codes').where('token', '=', token).execute();
}
