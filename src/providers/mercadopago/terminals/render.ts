import type { TerminalView } from '../../../domain/terminals/terminal.js';

/** One element of GET /terminals/v1/list (supplement §2.1): pos_id a number, store_id a string. */
export function renderTerminal(t: TerminalView) {
  return { id: t.id, pos_id: t.pos_id, store_id: String(t.store_id), external_pos_id: t.external_pos_id ?? '', operating_mode: t.operating_mode };
}
