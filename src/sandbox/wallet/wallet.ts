import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { NothingPayable, PayableCharge, PayableFamily, PayerOutcome, PaymentReceipt } from '../../domain/payable.js';
import { resolveQr, type QrResolveError } from '../../domain/qr/registry.js';
import type { Tx } from '../../store/db.js';
import type { QrCodeRow } from '../../store/repos/qr-codes.js';
import { getSeller } from '../../store/repos/sellers.js';

export type ScanResult = { payable: true; charge: PayableCharge; qr: QrCodeRow } | { payable: false; nothing: NothingPayable; qr: QrCodeRow };

/** What a payer's app finds behind a code: the first family with an open charge wins. */
async function look(ctx: Ctx, tx: Tx, payload: string): Promise<Result<{ scan: ScanResult; family?: PayableFamily; now: number }, QrResolveError>> {
  const resolved = await resolveQr(tx.ex, payload);
  if (!resolved.ok) return resolved;
  const qr = resolved.value;
  const seller = await getSeller(tx.ex, qr.seller_id);
  const now = sellerNow(ctx.clock, seller ?? { clock_offset_ms: 0 });
  let firstRefusal: NothingPayable | undefined;
  for (const family of ctx.payables) {
    const found = await family.find(ctx, tx, qr, now);
    if (!found) continue;
    if (found.ok) return ok({ scan: { payable: true, charge: found.value, qr }, family, now });
    firstRefusal ??= found.error;
  }
  const nothing = firstRefusal ?? { reason: qr.kind === 'pos' ? 'idle_pos' : 'not_payable', message: 'Nothing to pay behind this code' };
  return ok({ scan: { payable: false, nothing, qr }, now });
}

export async function scan(ctx: Ctx, payload: string): Promise<Result<ScanResult, QrResolveError>> {
  return ctx.store.transaction(async (tx) => {
    const r = await look(ctx, tx, payload);
    return r.ok ? ok(r.value.scan) : r;
  });
}

export type PayError = QrResolveError | { code: 'nothing_to_pay'; nothing: NothingPayable };

/**
 * Pays what is behind a code, in one transaction: resolve, find, apply. When
 * two payers race (both codes of a hybrid order, or the same code twice), the
 * family's guarded transition lets one through; the transaction of the other
 * is retried and then finds nothing to pay.
 */
export async function pay(ctx: Ctx, payload: string, outcome: PayerOutcome): Promise<Result<PaymentReceipt, PayError>> {
  return ctx.store.transaction(async (tx) => {
    const r = await look(ctx, tx, payload);
    if (!r.ok) return r;
    const { scan: s, family, now } = r.value;
    if (!s.payable || !family) return err({ code: 'nothing_to_pay', nothing: s.payable ? { reason: 'not_payable', message: 'Nothing to pay' } : s.nothing } as const);
    const paid = await family.pay(ctx, tx, s.charge, s.qr, outcome, now);
    return paid.ok ? paid : err({ code: 'nothing_to_pay', nothing: paid.error } as const);
  });
}
