import type { Tx } from '../../store/db.js';
import { findTerminal } from '../../store/repos/terminals.js';
import { releaseSlot } from '../counter/charges.js';
import { terminalSlot } from '../counter/source.js';
import { moveScreen } from '../terminals/device.js';
import { parseScreen } from '../terminals/screen.js';
import type { InstoreIntent } from './intent.js';

/**
 * A Point intent reached a final state: its terminal's slot is freed (the next
 * charge may queue) and the screen, if it still shows this intent, goes back
 * to idle; `keepScreen` leaves a card's outcome and ticket until the next take.
 */
export async function leaveTerminal(tx: Tx, i: InstoreIntent, now: number, keepScreen = false): Promise<void> {
  if (i.kind !== 'point' || i.terminal_id === null) return;
  await releaseSlot(tx, terminalSlot(i.terminal_id), i.id);
  if (keepScreen) return;
  const row = await findTerminal(tx.ex, i.seller_id, i.terminal_id);
  if (!row) return;
  const screen = parseScreen(row.screen);
  if (screen.state !== 'idle' && screen.charge?.id === i.id) await moveScreen(tx, row, { type: 'reset' }, now);
}
