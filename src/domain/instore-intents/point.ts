import { sellerNow } from '../../core/clock.js';
import { uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findPos, findPosByExternalId } from '../../store/repos/pos.js';
import { findTerminal, searchTerminals, type TerminalRow } from '../../store/repos/terminals.js';
import { claimSlot } from '../counter/charges.js';
import { terminalSlot } from '../counter/source.js';
import type { Seller } from '../sellers/seller.js';
import { siteOf } from '../sellers/sites.js';
import { scheduleTake } from '../terminals/take.js';
import { isPointSite } from '../terminals/terminal.js';
import { scheduleAt } from '../timers.js';
import { INTENT_EXPIRE_TIMER, INTENT_TTL_MS, type NewIntentCommon } from './create.js';
import type { InstoreIntent, PointConfig } from './intent.js';
import { insertIntent } from './records.js';
import { INTENT_FAMILY } from './slot.js';

export interface NewPointIntent extends NewIntentCommon {
  /** POST .../intents/point/pos/{external_id}: the POS's PDV terminal. */
  externalPosId?: string | undefined;
  /** POST .../intents/point/{device_id}. */
  deviceId?: string | undefined;
  point: PointConfig;
}

export type CreatePointError =
  | { code: 'unsupported_site'; site: string }
  | { code: 'pos_not_found' }
  | { code: 'no_pdv_terminal' }
  | { code: 'device_not_found' }
  | { code: 'not_pdv' }
  | { code: 'queued_intent' };

async function pdvOfPos(tx: Tx, sellerId: number, posId: number): Promise<TerminalRow | undefined> {
  // One PDV terminal per POS (terminals_one_pdv_per_pos); a POS holds a handful of terminals.
  const found = await searchTerminals(tx.ex, { sellerId, posId, limit: 50, offset: 0 });
  return found.rows.find((t) => t.operating_mode === 'PDV');
}

/**
 * A Point intent (seed 001, supplement §4): on the POS's PDV terminal or on a
 * device in PDV mode. It claims the terminal's slot, so a terminal holds one
 * waiting charge whatever API queued it (the 409 "There is already a queued
 * intent for the device"); the terminal takes it after its take delay through
 * the counter's terminal hooks (point-terminal.ts); it expires after the hour.
 */
export async function createPointIntent(ctx: Ctx, tx: Tx, seller: Seller, input: NewPointIntent): Promise<Result<InstoreIntent, CreatePointError>> {
  const site = siteOf(seller.site_id);
  if (!isPointSite(site.id)) return err({ code: 'unsupported_site', site: site.id });
  let terminal: TerminalRow | undefined;
  if (input.externalPosId !== undefined) {
    const pos = await findPosByExternalId(tx.ex, seller.id, input.externalPosId);
    if (!pos) return err({ code: 'pos_not_found' });
    terminal = await pdvOfPos(tx, seller.id, pos.id);
    if (!terminal) return err({ code: 'no_pdv_terminal' });
  } else {
    terminal = await findTerminal(tx.ex, seller.id, input.deviceId ?? '');
    if (!terminal) return err({ code: 'device_not_found' });
    if (terminal.operating_mode !== 'PDV') return err({ code: 'not_pdv' });
  }
  const pos = await findPos(tx.ex, seller.id, terminal.pos_id);
  const now = sellerNow(ctx.clock, seller);
  const i: InstoreIntent = {
    id: uuid(),
    kind: 'point',
    seller_id: seller.id,
    site_id: site.id,
    currency: site.currency,
    pos_id: terminal.pos_id,
    external_pos_id: pos?.external_id ?? null,
    store_id: pos?.store_id ?? null,
    terminal_id: terminal.id,
    description: input.description,
    external_reference: input.externalReference,
    sponsor_id: input.sponsorId,
    integrator_id: input.integratorId,
    operations: input.operations,
    point: input.point,
    expires_at: now + INTENT_TTL_MS,
    status: 'OPENED',
    version: 1,
    created_at: now,
    updated_at: now,
  };
  if (!(await claimSlot(tx, terminalSlot(terminal.id), { family: INTENT_FAMILY, chargeId: i.id, sellerId: seller.id, at: now }))) return err({ code: 'queued_intent' });
  await insertIntent(tx.ex, i);
  await scheduleTake(ctx, tx, seller, terminal, INTENT_FAMILY, i.id, now);
  await scheduleAt(tx, ctx.kick, seller, INTENT_EXPIRE_TIMER, i.id, i.expires_at, now);
  return ok(i);
}
