import type { Executor } from '../db.js';

export async function getSetting(ex: Executor, key: string): Promise<string | undefined> {
  const row = await ex.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Inserts only if absent; true when this call inserted it (a one-time claim across processes). */
export async function claimSetting(ex: Executor, key: string, value: string): Promise<boolean> {
  const rows = await ex
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return rows.length === 1;
}
