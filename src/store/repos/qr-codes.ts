import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import type { QrCodeTable } from '../schema.js';

export type QrCodeRow = Selectable<QrCodeTable>;

export async function insertQrCode(ex: Executor, row: QrCodeRow): Promise<void> {
  await ex.insertInto('qr_codes').values(row).execute();
}

export async function findQrCode(ex: Executor, token: string): Promise<QrCodeRow | undefined> {
  return ex.selectFrom('qr_codes').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function deleteQrCode(ex: Executor, token: string): Promise<void> {
  await ex.deleteFrom('qr_codes').where('token', '=', token).execute();
}
