import { isStatus, machine } from '../lifecycle/machine.js';

/**
 * The Depay order's statuses, exactly the seed's table (004, "Statuses of a
 * Payment"), and the one allow-list of transitions between them. Anything not
 * listed is refused, so a new status stays unreachable until someone allows it.
 */
export const DEPAY_STATUSES = ['CREATED', 'PROCESSING', 'COMPLETED', 'CANCELED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'REJECTED', 'FAILED'] as const;

export type DepayStatus = (typeof DEPAY_STATUSES)[number];

export const DEPAY_MACHINE = machine<DepayStatus>('depay_order', {
  // Paid (through PROCESSING), expired or canceled; the stage rule "ends in 8" cancels.
  CREATED: ['PROCESSING', 'CANCELED'],
  // The payer accepted: the transfer completes, is rejected by the bank, or fails.
  PROCESSING: ['COMPLETED', 'REJECTED', 'FAILED'],
  COMPLETED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  // A second partial refund keeps the status and adds a history entry.
  PARTIALLY_REFUNDED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  CANCELED: [],
  REFUNDED: [],
  REJECTED: [],
  FAILED: [],
});

export const isDepayStatus = (s: unknown): s is DepayStatus => isStatus(DEPAY_MACHINE, s);

/** Paid at some point: what refunds start from. */
export const REFUNDABLE: readonly DepayStatus[] = ['COMPLETED', 'PARTIALLY_REFUNDED'];

/** The refund's own statuses (seed, "QR Refund"); caja never produces REJECTED (docs/depay.md). */
export const DEPAY_REFUND_STATUSES = ['PENDING', 'REJECTED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export type DepayRefundStatus = (typeof DEPAY_REFUND_STATUSES)[number];
