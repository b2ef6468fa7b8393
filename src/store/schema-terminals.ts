// Point terminals (see migrations/0010_terminals.sql).

export interface TerminalTable {
  /** `MODEL__SERIAL`, e.g. NEWLAND_N950__SBX0000001. */
  id: string;
  seller_id: number;
  model: string;
  pos_id: number;
  store_id: number;
  operating_mode: string;
  /** The simulated device: how long it waits before taking a queued charge. */
  take_delay_ms: number;
  /** Automatic mode (null: off): pay every charge after this long with auto_outcome. */
  auto_after_ms: number | null;
  auto_outcome: string | null;
  /** JSON: the screen (see domain/terminals/screen.ts). */
  screen: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface TerminalTables {
  terminals: TerminalTable;
}
