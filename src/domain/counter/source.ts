import type { QrCodeRow } from '../../store/repos/qr-codes.js';

/**
 * What a payer pays through: a QR code caja issued (a POS's printed static
 * code, or a charge's own dynamic code), or a terminal (Point).
 */
export type PaymentSource = { kind: 'qr'; qr: QrCodeRow } | { kind: 'terminal'; terminalId: string; sellerId: number };

/** The sources that hold at most one open charge (the open_charges key). */
export type SlotKind = 'pos' | 'terminal';

export interface Slot {
  kind: SlotKind;
  id: string;
}

/** The slot a source pays through, if it has one (a dynamic code leads to its own charge instead). */
export function slotOf(source: PaymentSource): Slot | undefined {
  if (source.kind === 'terminal') return { kind: 'terminal', id: source.terminalId };
  return source.qr.kind === 'pos' ? { kind: 'pos', id: source.qr.target_id } : undefined;
}

export const posSlot = (posId: number): Slot => ({ kind: 'pos', id: String(posId) });
export const terminalSlot = (terminalId: string): Slot => ({ kind: 'terminal', id: terminalId });
