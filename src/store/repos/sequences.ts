import type { Executor } from '../db.js';

export type SequenceName = 'user' | 'application' | 'store' | 'pos' | 'payment' | 'terminal';

/** Next numeric id of a sequence; the row lock is held to the end of the caller's transaction. */
export async function nextId(ex: Executor, name: SequenceName | (string & {})): Promise<number> {
  const row = await ex
    .updateTable('id_sequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
