import type { Ctx } from '../../../context.js';
import type { Tx } from '../../../store/db.js';
import { findTerminal } from '../../../store/repos/terminals.js';
import { releaseSlot } from '../../counter/charges.js';
import { terminalSlot } from '../../counter/source.js';
import { moveScreen } from '../../terminals/device.js';
import { parseScreen } from '../../terminals/screen.js';
import { emitOrderEvent, type OrderAction } from '../events.js';
import { moveOrder, withTransactions, type MpOrder, type OrderStatus } from '../order.js';

/**
 * A Point order reached a final state: its terminal's slot is freed (the next
 * order may be queued) and the screen, if it still shows this order, goes back
 * to idle. `keepScreen` leaves an outcome and its ticket on the screen (the
 * next order taken clears it).
 */
export async function leaveTerminal(tx: Tx, o: MpOrder, now: number, keepScreen = false): Promise<void> {
  if (o.type !== 'point' || !o.point) return;
  await releaseSlot(tx, terminalSlot(o.point.terminal_id), o.id);
  if (keepScreen) return;
  const row = await findTerminal(tx.ex, o.seller_id, o.point.terminal_id);
  if (!row) return;
  const screen = parseScreen(row.screen);
  if (screen.state !== 'idle' && screen.charge?.id === o.id) await moveScreen(tx, row, { type: 'reset' }, now);
}

const ACTION: Partial<Record<OrderStatus, OrderAction>> = { processed: 'processed', failed: 'failed', action_required: 'action_required', canceled: 'canceled', expired: 'expired' };

/**
 * Ends a Point order in `to` (order detail = the status, as supplement §1.5's
 * table), its payment in `to`/`txnDetail`, frees the terminal and notifies.
 * Undefined when the allow-list refuses (the order moved on meanwhile).
 */
export async function endPointOrder(
  ctx: Ctx,
  tx: Tx,
  o: MpOrder,
  to: 'processed' | 'failed' | 'action_required' | 'canceled' | 'expired',
  txnDetail: string,
  now: number,
  extra: (o: MpOrder) => Partial<MpOrder> = () => ({}),
  keepScreen = false,
): Promise<MpOrder | undefined> {
  const detail = to === 'processed' ? 'accredited' : to;
  const moved = await moveOrder(tx, o, to, detail, now, (x) => {
    const next = withTransactions({ ...x, ...extra(x) }, to, txnDetail);
    return next;
  });
  if (!moved.ok) return undefined;
  await leaveTerminal(tx, moved.value, now, keepScreen);
  await emitOrderEvent(ctx, tx, moved.value, ACTION[to]!, now);
  return moved.value;
}
