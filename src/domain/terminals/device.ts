import { err, ok, type Result } from '../../core/result.js';
import { ConcurrencyConflict, type Tx } from '../../store/db.js';
import { casTerminal, type TerminalRow } from '../../store/repos/terminals.js';
import { parseScreen, stepScreen, type Screen, type ScreenEvent, type ScreenRefused } from './screen.js';

/**
 * Hooks for phase 2 (the counter's Point charges drive the device through
 * these). Each moves the terminal's screen through the allow-list of
 * screen.ts and saves it with a compare-and-set on the terminal's version,
 * in the caller's transaction, so a screen change commits with the charge's
 * status change and its outbox events, or not at all.
 */
export async function moveScreen(tx: Tx, row: TerminalRow, event: ScreenEvent, now: number): Promise<Result<{ terminal: TerminalRow; screen: Screen }, ScreenRefused>> {
  const next = stepScreen(parseScreen(row.screen), event, now);
  if (!next.ok) return err(next.error);
  const set = { screen: JSON.stringify(next.value), version: row.version + 1, updated_at: now };
  if (!(await casTerminal(tx.ex, row.id, row.version, set))) throw new ConcurrencyConflict(`terminal ${row.id}`);
  return ok({ terminal: { ...row, ...set }, screen: next.value });
}

/** When the device takes a charge queued at `queuedAt` (seller clock): after its take delay. */
export function takeDueAt(row: Pick<TerminalRow, 'take_delay_ms'>, queuedAt: number): number {
  return queuedAt + row.take_delay_ms;
}

/** In automatic mode, when the "payer" presents a card after the device took the charge; null when off. */
export function automaticDueAt(row: Pick<TerminalRow, 'auto_after_ms'>, takenAt: number): number | null {
  return row.auto_after_ms === null ? null : takenAt + row.auto_after_ms;
}

/** Whether the device can take a new charge now (its screen is idle). */
export function isIdle(row: Pick<TerminalRow, 'screen'>): boolean {
  return parseScreen(row.screen).state === 'idle';
}
