import type { TerminalCharge, TerminalHooks, TerminalStage } from '../../counter/family.js';
import { moveOrder, withTransactions, type MpOrder } from '../order.js';
import { findOrderById } from '../records.js';
import { endPointOrder } from './terminal-side.js';

function stageOf(o: MpOrder): TerminalStage {
  if (o.status === 'created') return 'queued';
  if (o.status !== 'at_terminal') return 'ended';
  return o.payments.some((t) => t.status_detail === 'cancellation_requested') ? 'being_canceled' : 'on_terminal';
}

function chargeOf(o: MpOrder & { point: NonNullable<MpOrder['point']> }): TerminalCharge {
  const pm = o.point.payment_method;
  return {
    kind: 'order',
    id: o.id,
    label: `Order ${o.id}`,
    sellerId: o.seller_id,
    terminalId: o.point.terminal_id,
    stage: stageOf(o),
    status: o.status,
    statusDetail: o.status_detail,
    amount: o.total_amount,
    currency: o.currency,
    ticketNumber: o.point.ticket_number ?? null,
    description: o.description ?? null,
    printTicket: o.point.print_on_terminal !== 'no_ticket',
    defaultInstallments: Number(pm?.default_installments ?? 1),
    defaultType: pm?.default_type === 'debit_card' ? 'debit_card' : pm?.default_type === 'credit_card' ? 'credit_card' : undefined,
  };
}

const pointOrder = async (tx: Parameters<TerminalHooks['held']>[1], id: string) => {
  const o = await findOrderById(tx.ex, id);
  return o && o.type === 'point' && o.point ? (o as MpOrder & { point: NonNullable<MpOrder['point']> }) : undefined;
};

/**
 * Orders for Point on the simulated terminal (supplement §1.5): the device
 * takes a created order (at_terminal), a cancel on the device ends it
 * canceled/canceled_on_terminal, a walk-away or a card without an answer
 * action_required. Card outcomes are the family's `pay` (pay.ts).
 */
export const pointOrderTerminal: TerminalHooks = {
  async held(_ctx, tx, id) {
    const o = await pointOrder(tx, id);
    return o && chargeOf(o);
  },

  async take(_ctx, tx, id, now) {
    const o = await pointOrder(tx, id);
    if (!o || o.status !== 'created' || now >= o.expires_at) return false;
    return (await moveOrder(tx, o, 'at_terminal', 'at_terminal', now, (x) => withTransactions(x, 'at_terminal', 'at_terminal'))).ok;
  },

  async cancelOnTerminal(ctx, tx, id, now) {
    const o = await pointOrder(tx, id);
    if (!o || o.status !== 'at_terminal') return false;
    return (await endPointOrder(ctx, tx, o, 'canceled', 'canceled_on_terminal', now)) !== undefined;
  },

  async walkAway(ctx, tx, id, now) {
    const o = await pointOrder(tx, id);
    if (!o || o.status !== 'at_terminal') return false;
    return (await endPointOrder(ctx, tx, o, 'action_required', 'action_required', now)) !== undefined;
  },
};
