import { sellerNow } from '../../core/clock.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import { ConcurrencyConflict, isUniqueViolation, type Tx } from '../../store/db.js';
import { findPos } from '../../store/repos/pos.js';
import { nextId } from '../../store/repos/sequences.js';
import * as repo from '../../store/repos/terminals.js';
import type { Seller } from '../sellers/seller.js';
import { IDLE_SCREEN } from './screen.js';
import { isCardholderCode, type CardholderCode } from './test-cards.js';

export type TerminalRow = repo.TerminalRow;
export type TerminalView = repo.TerminalView;

/** "Only NEWLAND_N950 and PAX_A910 are supported" (terminals list reference). */
export const TERMINAL_MODELS = ['NEWLAND_N950', 'PAX_A910'] as const;
export type TerminalModel = (typeof TERMINAL_MODELS)[number];

/** What /terminals/v1/setup sets; the list can also print UNDEFINED, which caja never stores. */
export const OPERATING_MODES = ['PDV', 'STANDALONE'] as const;
export type OperatingMode = (typeof OPERATING_MODES)[number];

/**
 * A terminal leaves the factory in STANDALONE: the Point guides make the
 * integrator switch it to PDV through /terminals/v1/setup before it takes
 * orders. (The demo seed switches its terminal on, see sandbox/seed.ts.)
 */
export const DEFAULT_OPERATING_MODE: OperatingMode = 'STANDALONE';

/** The simulated device waits this long before taking a queued charge ("a few seconds"). */
export const DEFAULT_TAKE_DELAY_MS = 3000;
export const MAX_TAKE_DELAY_MS = 600_000;
export const MAX_AUTO_AFTER_MS = 3_600_000;

/** Sites where the terminals API accepts an operating mode (setup reference: AR, BR, CL, MX). */
export const POINT_SITES = ['MLA', 'MLB', 'MLC', 'MLM'] as const;
export const isPointSite = (siteId: string) => (POINT_SITES as readonly string[]).includes(siteId);

/** `NEWLAND_N950__SBX0000001`: the model, two underscores, a serial (SBX: caja's sandbox serials). */
export function terminalId(model: TerminalModel, serial: number): string {
  return `${model}__SBX${String(serial).padStart(7, '0')}`;
}

export const TERMINAL_ID_PATTERN = '^(NEWLAND_N950|PAX_A910)__[A-Za-z0-9-]{1,40}$';

export type TerminalError =
  | { code: 'terminal_not_found' }
  | { code: 'pos_not_found' }
  /** The POS was unlinked from its store (store delete): terminals are listed by store. */
  | { code: 'pos_without_store' }
  | { code: 'unsupported_site' }
  /** Another terminal of the POS is already in PDV mode. */
  | { code: 'pdv_taken' };

export interface Automatic {
  after_ms: number;
  outcome: CardholderCode;
}

export async function createTerminal(tx: Tx, ctx: Ctx, seller: Seller, input: { pos_id: number; model: TerminalModel }): Promise<Result<TerminalRow, TerminalError>> {
  const pos = await findPos(tx.ex, seller.id, input.pos_id);
  if (!pos) return err({ code: 'pos_not_found' });
  if (pos.store_id === null) return err({ code: 'pos_without_store' });
  const now = sellerNow(ctx.clock, seller);
  const row: TerminalRow = {
    id: terminalId(input.model, await nextId(tx.ex, 'terminal')),
    seller_id: seller.id,
    model: input.model,
    pos_id: pos.id,
    store_id: pos.store_id,
    operating_mode: DEFAULT_OPERATING_MODE,
    take_delay_ms: DEFAULT_TAKE_DELAY_MS,
    auto_after_ms: null,
    auto_outcome: null,
    screen: JSON.stringify(IDLE_SCREEN(now)),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await repo.insertTerminal(tx.ex, row);
  return ok(row);
}

/**
 * Sets the operating mode. Two terminals of one POS racing to PDV are
 * settled by the partial unique index (terminals_one_pdv_per_pos), not by a
 * read before the write: the loser's transaction fails, and guardPdv (around
 * the transaction) turns that into `pdv_taken`.
 */
export async function setOperatingMode(tx: Tx, ctx: Ctx, seller: Seller, id: string, mode: OperatingMode): Promise<Result<TerminalRow, TerminalError>> {
  if (!isPointSite(seller.site_id)) return err({ code: 'unsupported_site' });
  const row = await repo.findTerminal(tx.ex, seller.id, id);
  if (!row) return err({ code: 'terminal_not_found' });
  if (mode === 'PDV' && !(await findPos(tx.ex, seller.id, row.pos_id))) return err({ code: 'pos_not_found' });
  return save(tx, row, { operating_mode: mode }, sellerNow(ctx.clock, seller));
}

export interface DeviceSettings {
  take_delay_ms?: number | undefined;
  /** null turns automatic mode off. */
  automatic?: Automatic | null | undefined;
}

export async function setDeviceSettings(tx: Tx, ctx: Ctx, seller: Seller, id: string, s: DeviceSettings): Promise<Result<TerminalRow, TerminalError>> {
  const row = await repo.findTerminal(tx.ex, seller.id, id);
  if (!row) return err({ code: 'terminal_not_found' });
  const set: Partial<TerminalRow> = {};
  if (s.take_delay_ms !== undefined) set.take_delay_ms = s.take_delay_ms;
  if (s.automatic !== undefined) {
    set.auto_after_ms = s.automatic?.after_ms ?? null;
    set.auto_outcome = s.automatic?.outcome ?? null;
  }
  return save(tx, row, set, sellerNow(ctx.clock, seller));
}

async function save(tx: Tx, row: TerminalRow, set: Partial<TerminalRow>, now: number): Promise<Result<TerminalRow, TerminalError>> {
  const next = { ...set, version: row.version + 1, updated_at: now };
  if (!(await repo.casTerminal(tx.ex, row.id, row.version, next))) throw new ConcurrencyConflict(`terminal ${row.id}`);
  return ok({ ...row, ...next });
}

/** Runs a transaction that may put a terminal in PDV; the unique index refusing it is `pdv_taken`. */
export async function guardPdv<T>(run: () => Promise<Result<T, TerminalError>>): Promise<Result<T, TerminalError>> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) return err({ code: 'pdv_taken' });
    throw e;
  }
}

export function automaticOf(row: TerminalRow): Automatic | null {
  if (row.auto_after_ms === null || row.auto_outcome === null || !isCardholderCode(row.auto_outcome)) return null;
  return { after_ms: row.auto_after_ms, outcome: row.auto_outcome };
}

export async function getTerminal(ctx: Ctx, seller: Seller, id: string): Promise<TerminalView | undefined> {
  return repo.findTerminalView(ctx.store.db, seller.id, id);
}

export async function listTerminals(ctx: Ctx, seller: Seller, q: Omit<repo.TerminalSearch, 'sellerId'>) {
  return repo.searchTerminals(ctx.store.db, { sellerId: seller.id, ...q });
}
