import { sellerNow } from '../../../core/clock.js';
import { idFamily } from '../../../core/ids.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { Ctx } from '../../../context.js';
import type { Tx } from '../../../store/db.js';
import { findPos } from '../../../store/repos/pos.js';
import { findTerminal } from '../../../store/repos/terminals.js';
import { claimSlot } from '../../counter/charges.js';
import { terminalSlot } from '../../counter/source.js';
import type { Seller } from '../../sellers/seller.js';
import { siteOf } from '../../sellers/sites.js';
import { scheduleTake } from '../../terminals/take.js';
import { isPointSite } from '../../terminals/terminal.js';
import { scheduleAt } from '../../timers.js';
import { EXPIRE_TIMER } from '../create.js';
import type { MpOrder, PointConfig } from '../order.js';
import { insertOrder } from '../records.js';
import { MP_ORDER_FAMILY } from '../slot.js';

export interface NewPointOrder {
  externalReference: string;
  description?: string | undefined;
  expirationTime: string;
  expirationMs: number;
  amount: number;
  point: PointConfig;
  integrationData: Record<string, unknown>;
}

export type PointCreateError = { code: 'unsupported_site'; site: string } | { code: 'forbidden_checking_terminal_owner' } | { code: 'already_queued_order_for_terminal' };

/**
 * A Point order (supplement §1.1): the terminal must be the seller's and in
 * PDV mode; it holds at most one waiting order (the open_charges key refuses a
 * second: already_queued_order_for_terminal). The terminal takes it after its
 * take delay (a timer), and it expires at expiration_time wherever it is.
 */
export async function createPointOrder(ctx: Ctx, tx: Tx, seller: Seller, input: NewPointOrder): Promise<Result<MpOrder, PointCreateError>> {
  const site = siteOf(seller.site_id);
  if (!isPointSite(site.id)) return err({ code: 'unsupported_site', site: site.id });
  const terminal = await findTerminal(tx.ex, seller.id, input.point.terminal_id);
  if (!terminal || terminal.operating_mode !== 'PDV') return err({ code: 'forbidden_checking_terminal_owner' });
  const pos = await findPos(tx.ex, seller.id, terminal.pos_id);
  const now = sellerNow(ctx.clock, seller);
  const ids = idFamily(now);
  const order: MpOrder = {
    id: ids.next('ORD'),
    seller_id: seller.id,
    site_id: site.id,
    user_id: String(seller.id),
    application_id: String(seller.application_id),
    type: 'point',
    processing_mode: 'automatic',
    external_reference: input.externalReference,
    description: input.description,
    total_amount: input.amount,
    currency: site.currency,
    country_code: site.countryCode,
    expiration_time: input.expirationTime,
    expires_at: now + input.expirationMs,
    status: 'created',
    status_detail: 'created',
    pos_id: terminal.pos_id,
    external_pos_id: pos?.external_id ?? '',
    mode: 'point',
    point: input.point,
    integration_data: { application_id: String(seller.application_id), ...input.integrationData },
    payments: [{ id: ids.next('PAY'), kind: 'payment', amount: input.amount, status: 'created', status_detail: 'created', refunded_amount: 0 }],
    cash_outs: [],
    refunds: [],
    version: 1,
    created_at: now,
    updated_at: now,
  };
  if (!(await claimSlot(tx, terminalSlot(terminal.id), { family: MP_ORDER_FAMILY, chargeId: order.id, sellerId: seller.id, at: now }))) {
    return err({ code: 'already_queued_order_for_terminal' });
  }
  await insertOrder(tx.ex, order);
  await scheduleTake(ctx, tx, seller, terminal, MP_ORDER_FAMILY, order.id, now);
  await scheduleAt(tx, ctx.kick, seller, EXPIRE_TIMER, order.id, order.expires_at, now);
  return ok(order);
}
