import { sellerNow } from '../../../core/clock.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { Ctx } from '../../../context.js';
import type { Tx } from '../../../store/db.js';
import type { Seller } from '../../sellers/seller.js';
import { CARDHOLDER_OUTCOMES } from '../../terminals/test-cards.js';
import { moveOrder, withTransactions, type MpOrder } from '../order.js';
import { findOrder } from '../records.js';
import { refundOrder } from '../refund.js';
import { payPoint } from './pay.js';
import { endPointOrder } from './terminal-side.js';

/** What POST /v1/orders/{id}/events accepts (supplement §1.6), checked by the provider. */
export interface SimulatedEvent {
  status: 'processed' | 'canceled' | 'expired' | 'failed' | 'refunded' | 'action_required';
  paymentMethodType?: 'debit_card' | 'credit_card' | undefined;
  installments?: number | undefined;
  paymentMethodId?: string | undefined;
  statusDetail?: string | undefined;
}

export type SimulateError = { code: 'order_not_found' } | { code: 'refused'; status: string; to: string };

const cardFor = (e: SimulatedEvent) => e.paymentMethodId ?? (e.paymentMethodType === 'debit_card' ? 'debvisa' : 'master');

/**
 * Moves a Point order as the terminal would, with no terminal interaction:
 * through at_terminal first (except refunded, which needs a processed order),
 * then to the status asked. caja applies it at once (Mercado Pago: "up to 10 s").
 */
export async function simulateEvent(ctx: Ctx, tx: Tx, seller: Seller, id: string, e: SimulatedEvent): Promise<Result<MpOrder, SimulateError>> {
  let o = await findOrder(tx.ex, seller.id, id);
  if (!o || o.type !== 'point') return err({ code: 'order_not_found' });
  const now = sellerNow(ctx.clock, seller);
  const refused = (): Result<MpOrder, SimulateError> => err({ code: 'refused', status: o!.status, to: e.status });
  if (e.status === 'refunded') {
    if (o.status !== 'processed') return refused();
    const r = await refundOrder(ctx, tx, seller, o.id, undefined);
    return r.ok ? ok(r.value.order) : refused();
  }
  if (o.status === 'created') {
    const moved = await moveOrder(tx, o, 'at_terminal', 'at_terminal', now, (x) => withTransactions(x, 'at_terminal', 'at_terminal'));
    if (!moved.ok) return refused();
    o = moved.value;
  }
  if (o.status !== 'at_terminal') return refused();
  if (e.status === 'processed' || e.status === 'failed') {
    const method = cardFor(e);
    const detail = e.status === 'failed' ? (e.statusDetail ?? 'rejected_other_reason') : undefined;
    const cc = detail && (Object.values(CARDHOLDER_OUTCOMES).find((x) => x.point === detail)?.payment ?? 'cc_rejected_other_reason');
    const source = { kind: 'terminal' as const, terminalId: o.point?.terminal_id ?? '', sellerId: seller.id };
    const payer = { outcome: e.status === 'processed' ? ('approved' as const) : ('rejected' as const), paymentMethod: method, statusDetail: cc, installments: e.installments ?? 1 };
    const paid = await payPoint(ctx, tx, o, source, payer, now, detail);
    if (!paid.ok) return refused();
  } else {
    const txnDetail = e.status === 'canceled' ? 'canceled' : e.status;
    if (!(await endPointOrder(ctx, tx, o, e.status, txnDetail, now))) return refused();
  }
  return ok((await findOrder(tx.ex, seller.id, id))!);
}
