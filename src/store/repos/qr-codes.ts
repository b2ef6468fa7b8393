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

export async function deleteQrCodesOf(ex: Executor, kind: string, targetId: string): Promise<void> {
  await ex.deleteFrom('qr_codes').where('kind', '=', kind).where('target_id', '=', targetId).execute();
}

export async function findQrCodeByTarget(ex: Executor, kind: string, targetId: string): Promise<QrCodeRow | undefined> {
  return ex.selectFrom('qr_codes').selectAll().where('kind', '=', kind).where('target_id', '=', targetId).executeTakeFirst();
}
