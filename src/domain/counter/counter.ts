import { err, ok, type Result } from '../../core/result.js';
import type { Tx } from '../../store/db.js';
import { holderOf } from './charges.js';
import type { CounterFamily, NothingPayable } from './family.js';
import { slotOf, type PaymentSource } from './source.js';

export interface Resolved {
  family: CounterFamily;
  chargeId: string;
}

/**
 * The counter joins the two sides: a source (a code caja issued, a terminal)
 * → the open charge behind it → the family that owns it, by name.
 */
export class Counter {
  private readonly byName = new Map<string, CounterFamily>();
  private readonly byCode = new Map<string, CounterFamily>();

  constructor(families: readonly CounterFamily[]) {
    for (const f of families) {
      this.byName.set(f.name, f);
      for (const c of f.codes) this.byCode.set(c, f);
    }
  }

  family(name: string): CounterFamily | undefined {
    return this.byName.get(name);
  }

  async resolve(tx: Tx, source: PaymentSource): Promise<Result<Resolved, NothingPayable>> {
    const slot = slotOf(source);
    if (slot) {
      const held = await holderOf(tx, slot);
      const family = held && this.byName.get(held.family);
      if (!held || !family) return err(slot.kind === 'pos' ? { reason: 'idle_pos', message: 'Nothing is pending on this POS' } : { reason: 'idle_terminal', message: 'Nothing is queued on this terminal' });
      return ok({ family, chargeId: held.chargeId });
    }
    if (source.kind !== 'qr') return err({ reason: 'not_payable', message: 'Unknown source' });
    const family = this.byCode.get(source.qr.kind);
    return family ? ok({ family, chargeId: source.qr.target_id }) : err({ reason: 'not_payable', message: 'Nothing to pay behind this code' });
  }
}
