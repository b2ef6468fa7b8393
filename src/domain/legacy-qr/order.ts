import type { CurrencyCode } from '../../core/currency.js';
import type { Result } from '../../core/result.js';
import type { Tx } from '../../store/db.js';
import { machine, type WrongStatus } from '../lifecycle/machine.js';
import { move } from '../lifecycle/move.js';
import type { SiteId } from '../sellers/sites.js';
import { saveInstoreOrder } from './records.js';

/**
 * A legacy in-store order (reference §5.1, supplement §5, seed 002): a
 * charge placed on a POS by the attended model (POST /mpmobile/instore/qr),
 * in-store orders v2 (PUT .../orders), or the dynamic (POST .../qrs) and hybrid
 * (PUT .../qrs) models. Amounts are minor units; times the seller's clock.
 * The documents print no status for it; caja keeps one for the counter.
 */
export type InstoreStatus = 'open' | 'closed' | 'expired' | 'deleted';
export type InstoreModel = 'attended' | 'v2' | 'dynamic' | 'hybrid';

export const INSTORE_MACHINE = machine<InstoreStatus>('instore_order', {
  open: ['closed', 'expired', 'deleted'],
  closed: [],
  expired: [],
  deleted: [],
});

export interface InstoreItem {
  id?: string | undefined;
  sku_number?: string | undefined;
  category?: string | undefined;
  title: string;
  description?: string | undefined;
  picture_url?: string | undefined;
  currency_id?: string | undefined;
  /** Minor units. */
  unit_price: number;
  quantity: number;
  unit_measure?: string | undefined;
  /** Minor units (v2 sends it per item). */
  total_amount: number;
}

export interface InstoreOrder {
  /** `<collector_id>-<uuid>` (supplement §5.1). */
  id: string;
  seller_id: number;
  site_id: SiteId;
  currency: CurrencyCode;
  model: InstoreModel;
  pos_id: number;
  external_pos_id: string;
  /** Null once the POS was unlinked from its store (store delete). */
  store_id: number | null;
  external_reference: string | null;
  title?: string | undefined;
  description?: string | undefined;
  notification_url: string | null;
  sponsor_id: number | null;
  items: InstoreItem[];
  /** Minor units: the items' total (v2: total_amount as sent). */
  total_amount: number;
  cash_out: number | null;
  /** As sent (v2), for GET. */
  expiration_date?: string | undefined;
  expires_at: number;
  /** The dynamic model's own code. */
  qr_token?: string | undefined;
  qr_data?: string | undefined;
  /** The approved payment, once paid. */
  payment_id?: string | undefined;
  status: InstoreStatus;
  version: number;
  created_at: number;
  updated_at: number;
}

/** What the payer pays: the items plus any cash-out. */
export const amountToPay = (o: InstoreOrder): number => o.total_amount + (o.cash_out ?? 0);

/** Open but past its expiry: the timer may not have run yet, but it is not payable. */
export const isLapsed = (o: InstoreOrder, now: number): boolean => o.status === 'open' && now >= o.expires_at;

/** The one way a legacy order changes status (src/domain/lifecycle). */
export function moveInstore(tx: Tx, o: InstoreOrder, to: InstoreStatus, detail: string, now: number, edit: (o: InstoreOrder) => InstoreOrder = (x) => x): Promise<Result<InstoreOrder, WrongStatus<InstoreStatus>>> {
  return move(tx, INSTORE_MACHINE, o, [{ status: to, detail }], (x) => ({ ...edit(x), updated_at: now }), { at: now, save: (next, expected) => saveInstoreOrder(tx.ex, next, expected) });
}
