import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { CounterFamily, NothingPayable, PayableCharge, PayerOutcome, PaymentReceipt } from '../../domain/counter/family.js';
import type { PaymentSource } from '../../domain/counter/source.js';
import { resolveQr, type QrResolveError } from '../../domain/qr/registry.js';
import type { Tx } from '../../store/db.js';
import type { QrCodeRow } from '../../store/repos/qr-codes.js';
import { getSeller } from '../../store/repos/sellers.js';

export type ScanResult = { payable: true; charge: PayableCharge; qr: QrCodeRow } | { payable: false; nothing: NothingPayable; qr: QrCodeRow };

interface Looked {
  scan: ScanResult;
  source: PaymentSource;
  family?: CounterFamily;
  now: number;
}

/** What a payer's app finds behind a code: the counter resolves it to the open charge and its family. */
async function look(ctx: Ctx, tx: Tx, payload: string): Promise<Result<Looked, QrResolveError>> {
  const resolved = await resolveQr(tx.ex, payload);
  if (!resolved.ok) return resolved;
  const qr = resolved.value;
  const source: PaymentSource = { kind: 'qr', qr };
  const seller = await getSeller(tx.ex, qr.seller_id);
  const now = sellerNow(ctx.clock, seller ?? { clock_offset_ms: 0 });
  const at = await ctx.counter.resolve(tx, source);
  if (!at.ok) return ok({ scan: { payable: false, nothing: at.error, qr }, source, now });
  const found = await at.value.family.find(ctx, tx, at.value.chargeId, now);
  // A printed QR still held by a charge that is no longer payable: the POS has nothing pending.
  const nothing = (n: NothingPayable): NothingPayable => (qr.kind === 'pos' && (n.reason === 'expired' || n.reason === 'not_payable') ? { reason: 'idle_pos', message: 'Nothing is pending on this POS' } : n);
  if (!found.ok) return ok({ scan: { payable: false, nothing: nothing(found.error), qr }, source, now });
  return ok({ scan: { payable: true, charge: found.value, qr }, source, family: at.value.family, now });
}

/** A scan: what the payer's app shows; a family that records scans (legacy QR: a merchant_order per scan) is told. */
export async function scan(ctx: Ctx, tx: Tx, payload: string): Promise<Result<ScanResult, QrResolveError>> {
  const r = await look(ctx, tx, payload);
  if (!r.ok) return r;
  const { scan: s, family, now } = r.value;
  if (s.payable && family?.onScan) await family.onScan(ctx, tx, s.charge, now);
  return ok(s);
}

export type PayError = QrResolveError | { code: 'nothing_to_pay'; nothing: NothingPayable };

/**
 * Pays what is behind a code, in the caller's transaction: resolve, find,
 * apply. When two payers race (both codes of a hybrid order, or the same code
 * twice), the family's guarded transition lets one through; the transaction
 * of the other is retried and then finds nothing to pay.
 */
export async function pay(ctx: Ctx, tx: Tx, payload: string, outcome: PayerOutcome): Promise<Result<PaymentReceipt, PayError>> {
  const r = await look(ctx, tx, payload);
  if (!r.ok) return r;
  const { scan: s, family, source, now } = r.value;
  if (!s.payable || !family) return err({ code: 'nothing_to_pay', nothing: s.payable ? { reason: 'not_payable', message: 'Nothing to pay' } : s.nothing } as const);
  const paid = await family.pay(ctx, tx, s.charge, source, outcome, now);
  return paid.ok ? paid : err({ code: 'nothing_to_pay', nothing: paid.error } as const);
}
