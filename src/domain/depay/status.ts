import { isStatus, machine } from '../lifecycle/machine.js';

/**
 * The Depay order's statuses: the seed's table (004, "Statuses of a Payment")
 * plus WAITING_AMOUNT, which the seed's own history example shows between
 * CREATED and the outcome (the payer's app has read the code and shows the
 * amount). The one allow-list of transitions between them: anything not listed
 * is refused, so a new status stays unreachable until someone allows it.
 */
export const DEPAY_STATUSES = ['CREATED', 'WAITING_AMOUNT', 'PROCESSING', 'COMPLETED', 'CANCELED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'REJECTED', 'FAILED'] as const;

export type DepayStatus = (typeof DEPAY_STATUSES)[number];

export const DEPAY_MACHINE = machine<DepayStatus>('depay_order', {
  // Read by a payer (then paid through PROCESSING), expired or canceled; the stage rule "ends in 8" cancels.
  CREATED: ['WAITING_AMOUNT', 'CANCELED'],
  // Only a step in the history: the payer's answer walks on in the same transaction.
  WAITING_AMOUNT: ['PROCESSING'],
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

/** What a payer's answer walks through first (the seed's history: CREATED, WAITING_AMOUNT, ...). */
export const PAYER_READ: readonly DepayStatus[] = ['WAITING_AMOUNT', 'PROCESSING'];

/** Paid at some point: what refunds start from. */
export const REFUNDABLE: readonly DepayStatus[] = ['COMPLETED', 'PARTIALLY_REFUNDED'];

/** The refund's own statuses (seed, "QR Refund"); caja never produces REJECTED (docs/depay.md). */
export const DEPAY_REFUND_STATUSES = ['PENDING', 'REJECTED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export type DepayRefundStatus = (typeof DEPAY_REFUND_STATUSES)[number];
