import type { Executor } from '../db.js';


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
