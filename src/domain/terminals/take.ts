import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import type { TimerRow } from '../../store/repos/timers.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findTerminal, type TerminalRow } from '../../store/repos/terminals.js';
import type { TerminalCharge, TerminalHooks } from '../counter/family.js';
import { scheduleAt, type SellerClock, type TimerHandler } from '../timers.js';
import { automaticDueAt, moveScreen, takeDueAt } from './device.js';
import { parseScreen } from './screen.js';

/**
 * The simulated terminal's timers, whatever API queued the charge. Their
 * target is `<family>:<charge id>` (terminalTarget), so one handler serves
 * every family that has terminal hooks (src/domain/counter/family.ts).
 */
export const TERMINAL_TAKE_TIMER = 'terminal.take';
/** 40 s after a card was read without an outcome. */
export const TERMINAL_STALL_TIMER = 'terminal.stall';
/** Automatic mode: the configured cardholder presents a card. */
export const TERMINAL_AUTO_TIMER = 'terminal.auto';

/** "action_required: 40 s after processing starts" (supplement §1.5). */
export const STALL_MS = 40_000;

export const terminalTarget = (family: string, chargeId: string): string => `${family}:${chargeId}`;

/** The family and charge a terminal timer targets (ids never hold ':'; family names neither). */
export function parseTerminalTarget(target: string): { family: string; chargeId: string } | undefined {
  const at = target.indexOf(':');
  return at > 0 ? { family: target.slice(0, at), chargeId: target.slice(at + 1) } : undefined;
}

/**
 * The timer kinds used before the terminal was generic (`mp_order.point_take`
 * and friends targeted a bare order id): kept registered so rows already in a
 * database still run, read as `family`'s charges.
 */
export const aliasFor = (family: string, handler: TimerHandler): TimerHandler => (ctx, tx, timer) => handler(ctx, tx, { ...timer, target_id: terminalTarget(family, timer.target_id) });

export const sellerNowOf = async (ctx: Ctx, tx: Tx, sellerId: number): Promise<number> => ctx.clock.realNow() + ((await getSeller(tx.ex, sellerId))?.clock_offset_ms ?? 0);

/** The family's terminal hooks and the charge a timer targets. */
export async function targetOf(ctx: Ctx, timer: Pick<TimerRow, 'target_id'>): Promise<{ family: string; chargeId: string; hooks: TerminalHooks } | undefined> {
  const t = parseTerminalTarget(timer.target_id);
  const hooks = t && ctx.counter.family(t.family)?.terminal;
  return t && hooks ? { ...t, hooks } : undefined;
}

/** Queues the take: the device takes the charge after its take delay (a charge claimed the terminal's slot at `now`). */
export async function scheduleTake(ctx: Ctx, tx: Tx, seller: SellerClock, terminal: Pick<TerminalRow, 'take_delay_ms'>, family: string, chargeId: string, now: number): Promise<void> {
  await scheduleAt(tx, ctx.kick, seller, TERMINAL_TAKE_TIMER, terminalTarget(family, chargeId), takeDueAt(terminal, now), now);
}

/** Shows the charge on the terminal and asks for a card; a screen still showing a finished charge is cleared first. */
async function show(tx: Tx, row: TerminalRow, c: TerminalCharge, now: number): Promise<void> {
  let current = row;
  if (parseScreen(row.screen).state !== 'idle') current = (await moveScreen(tx, row, { type: 'reset' }, now)).ok ? (await findTerminal(tx.ex, row.seller_id, row.id))! : row;
  const charge = { kind: c.kind, id: c.id, amount: c.amount, currency: c.currency, ticket_number: c.ticketNumber, description: c.description };
  const shown = await moveScreen(tx, current, { type: 'show', charge }, now);
  if (shown.ok) await moveScreen(tx, shown.value.terminal, { type: 'ask_card' }, now);
}

/** The take delay is over: the family moves its charge onto the terminal, which shows it and asks for a card. */
export const takeOnTerminal: TimerHandler = async (ctx, tx, timer) => {
  const target = await targetOf(ctx, timer);
  if (!target) return;
  const before = await target.hooks.held(ctx, tx, target.chargeId, ctx.clock.realNow());
  if (!before || before.stage !== 'queued') return;
  const now = await sellerNowOf(ctx, tx, before.sellerId);
  if (!(await target.hooks.take(ctx, tx, target.chargeId, now))) return;
  const c = await target.hooks.held(ctx, tx, target.chargeId, now);
  const row = c && (await findTerminal(tx.ex, c.sellerId, c.terminalId));
  if (!c || !row) return;
  await show(tx, row, c, now);
  const due = automaticDueAt(row, now);
  const seller = await getSeller(tx.ex, c.sellerId);
  if (due !== null && seller) await scheduleAt(tx, ctx.kick, seller, TERMINAL_AUTO_TIMER, timer.target_id, due, now);
};
