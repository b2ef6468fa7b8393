import type { CurrencyCode } from '../../core/currency.js';
import type { Result } from '../../core/result.js';
import type { Tx } from '../../store/db.js';
import { machine, type Machine, type WrongStatus } from '../lifecycle/machine.js';
import { move, type MoveStep } from '../lifecycle/move.js';
import type { SiteId } from '../sellers/sites.js';
import { saveIntent } from './records.js';

/**
 * An intent of the Instore API (supplement §4, reference §4.2, seeds 000 and
 * 001): one aggregate for both kinds. A QR intent is paid by the wallet
 * through the POS's printed QR (STATIC) and/or its own code (DYNAMIC); a
 * Point intent queues on a terminal. Amounts are minor units; times are the
 * seller's clock.
 */
export type IntentKind = 'qr' | 'point';
export type IntentStatus = 'OPENED' | 'ON_TERMINAL' | 'PROCESSING' | 'PROCESSED' | 'CLOSED' | 'CANCELED' | 'ERROR' | 'CONFIRMATION_REQUIRED' | 'EXPIRED';
export type QrIntentStatus = Extract<IntentStatus, 'OPENED' | 'CLOSED' | 'CANCELED' | 'EXPIRED'>;

/** The aggregate's name in status_history (both kinds). */
export const INTENT_AGGREGATE = 'instore_intent';

/** QR (seed 000, the yaml's GET .../qr): "The only final states are CANCELED, CLOSED, and EXPIRED". */
export const QR_INTENT_MACHINE = machine<QrIntentStatus>(INTENT_AGGREGATE, {
  OPENED: ['CLOSED', 'CANCELED', 'EXPIRED'],
  CLOSED: [],
  CANCELED: [],
  EXPIRED: [],
});

/**
 * Point (seed 001 and the yaml's GET .../point): OPENED → ON_TERMINAL →
 * PROCESSING → PROCESSED → CLOSED; the finals CANCELED, CLOSED, EXPIRED,
 * ERROR and CONFIRMATION_REQUIRED. DELETE only while OPENED; on the terminal
 * it is canceled on the device.
 */
export const POINT_INTENT_MACHINE = machine<IntentStatus>(INTENT_AGGREGATE, {
  OPENED: ['ON_TERMINAL', 'CANCELED', 'EXPIRED'],
  // Canceled on the device; the payer walks away (CONFIRMATION_REQUIRED, as action_required ends an Orders order); no card in the hour.
  ON_TERMINAL: ['PROCESSING', 'CANCELED', 'EXPIRED', 'ERROR', 'CONFIRMATION_REQUIRED'],
  PROCESSING: ['PROCESSED', 'ERROR', 'CONFIRMATION_REQUIRED'],
  PROCESSED: ['CLOSED'],
  CLOSED: [],
  CANCELED: [],
  ERROR: [],
  CONFIRMATION_REQUIRED: [],
  EXPIRED: [],
});

export const machineOf = (kind: IntentKind): Machine<IntentStatus> => (kind === 'qr' ? (QR_INTENT_MACHINE as unknown as Machine<IntentStatus>) : POINT_INTENT_MACHINE);

/** The states the webhook is sent for (seeds 000 and 001: "final states"). */
export const FINAL_STATUSES = ['CLOSED', 'CANCELED', 'EXPIRED', 'ERROR', 'CONFIRMATION_REQUIRED'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];
export const isFinal = (s: IntentStatus): s is FinalStatus => (FINAL_STATUSES as readonly string[]).includes(s);

export type OperationType = 'PURCHASE' | 'CASH_OUT';
export type QrPaymentMode = 'STATIC' | 'DYNAMIC';

export interface IntentItem {
  sku_number?: string | undefined;
  external_categories?: Array<{ id: string }> | undefined;
  title: string;
  /** Minor units. */
  unit_price: number;
  quantity: number;
  unit_measure: 'UNIT' | 'PACK';
  /** Minor units. */
  total_amount: number;
}

export interface IntentResult {
  /** The payments ledger's numeric id. */
  id: number;
  source: 'PAYMENT' | 'PAYOUT';
}

export interface IntentOperation {
  type: OperationType;
  /** Minor units (computed from the items when they were sent without it). */
  amount: number;
  items?: IntentItem[] | undefined;
  /** Only once CLOSED (the yaml: "only obtained when an intent reaches the CLOSED state"). */
  results?: IntentResult[] | undefined;
}

export interface PointConfig {
  device_payment_mode?: 'CARD' | undefined;
  ticket_number?: string | undefined;
  print_on_terminal?: Array<'SELLER_TICKET'> | undefined;
}

export interface InstoreIntent {
  /** UUID-like, as the documents print it ("a124567-123b-1234-1234-1234123455507"). */
  id: string;
  kind: IntentKind;
  seller_id: number;
  site_id: SiteId;
  currency: CurrencyCode;
  pos_id: number | null;
  external_pos_id: string | null;
  store_id: number | null;
  /** Point: the device it queues on. */
  terminal_id: string | null;
  description: string;
  external_reference: string;
  sponsor_id: number | null;
  /** The x-integrator-id header of the create, as sent. */
  integrator_id: string | null;
  operations: IntentOperation[];
  /** QR: the modes (STATIC is the default). */
  qr_payment_mode?: QrPaymentMode[] | undefined;
  /** Point: enabler_configuration as sent. */
  point?: PointConfig | undefined;
  /** QR DYNAMIC: the intent's own code (qr_codes kind mp_intent). */
  qr_data?: string | undefined;
  /** QR STATIC: the POS's printed code, what `qr.data` shows when the intent has no code of its own. */
  printed_qr?: string | undefined;
  /** The approved payment, once CLOSED. */
  payment_id?: string | undefined;
  expires_at: number;
  status: IntentStatus;
  version: number;
  created_at: number;
  updated_at: number;
}

/** What the payer pays: every operation (a cash-out is handed over with the purchase). */
export const amountToPay = (i: InstoreIntent): number => i.operations.reduce((s, o) => s + o.amount, 0);

/** The printed QR leads to it (STATIC, the default). */
export const onPrinted = (i: InstoreIntent): boolean => i.kind === 'qr' && (i.qr_payment_mode ?? ['STATIC']).includes('STATIC');

/** Not processed within its hour: the timer may not have run yet, but it is not payable. */
export const isLapsed = (i: InstoreIntent, now: number): boolean => (i.status === 'OPENED' || i.status === 'ON_TERMINAL') && now >= i.expires_at;

/** The one way an intent changes status (src/domain/lifecycle), with its kind's machine. */
export function moveIntent(tx: Tx, i: InstoreIntent, path: ReadonlyArray<MoveStep<IntentStatus>>, now: number, edit: (i: InstoreIntent) => InstoreIntent = (x) => x): Promise<Result<InstoreIntent, WrongStatus<IntentStatus>>> {
  return move(tx, machineOf(i.kind), i, path, (x) => ({ ...edit(x), updated_at: now }), { at: now, save: (next, expected) => saveIntent(tx.ex, next, expected) });
}
