import type { Result } from '../core/result.js';
import { err } from '../core/result.js';
import { isUniqueViolation, type Store, type Tx } from '../store/db.js';

/**
 * The edge's transaction for a command whose uniqueness rule (an external id,
 * an external reference) is held by a unique index: two requests that raced
 * past the command's own lookup are decided by the index, and the loser gets
 * the same refusal the lookup would have given.
 */
export async function uniquely<T, E>(store: Store, command: (tx: Tx) => Promise<Result<T, E>>, taken: E): Promise<Result<T, E>> {
  try {
    return await store.transaction(command);
  } catch (e) {
    if (isUniqueViolation(e)) return err(taken);
    throw e;
  }
}
