import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import type { InstoreIntent, IntentStatus } from '../../../domain/instore-intents/intent.js';

const moneyOf = (i: Pick<InstoreIntent, 'currency'>) => (minor: number) => formatAmount(minor, getCurrency(i.currency)?.exponent ?? 2);

/** Where the intent is read (the webhook's data.url; seed 000 prints api.mercadopago.com's, caja its own). */
export const intentUrl = (publicUrl: string, i: Pick<InstoreIntent, 'id' | 'kind'>) => `${publicUrl}/instore-api/integrations/v1/intents/${i.id}/${i.kind}`;

function operations(i: InstoreIntent) {
  const m = moneyOf(i);
  return i.operations.map((o) => ({
    type: o.type,
    amount: m(o.amount),
    ...(o.items
      ? {
          items: o.items.map((it) => ({
            ...(it.sku_number !== undefined ? { sku_number: it.sku_number } : {}),
            ...(it.external_categories !== undefined ? { external_categories: it.external_categories } : {}),
            title: it.title,
            unit_price: m(it.unit_price),
            quantity: it.quantity,
            unit_measure: it.unit_measure,
            total_amount: m(it.total_amount),
          })),
        }
      : {}),
    ...(o.results ? { results: o.results } : {}),
  }));
}

function enabler(i: InstoreIntent) {
  if (i.kind === 'qr') return { qr_payment_mode: i.qr_payment_mode ?? ['STATIC'] };
  const p = i.point ?? {};
  // device_payment_mode "Default:CARD" (the yaml).
  return { ...(p.ticket_number !== undefined ? { ticket_number: p.ticket_number } : {}), device_payment_mode: p.device_payment_mode ?? 'CARD', ...(p.print_on_terminal !== undefined ? { print_on_terminal: p.print_on_terminal } : {}) };
}

/** What the payer scans: the intent's own code (DYNAMIC), else the POS's printed one (STATIC). */
export const qrOf = (i: InstoreIntent) => (i.kind === 'qr' ? { data: i.qr_data ?? i.printed_qr ?? '' } : undefined);

/**
 * The intent as the create (201) and GET answer it (the yaml; seed 000's GET
 * example): id, description, external_reference, status, sponsor (when
 * sent), operations (results once CLOSED), enabler_configuration, and for QR
 * `qr.data` (the webhook's field, so the integrator can show the code).
 * `status` is what it is at `now`: OPENED past its hour reads EXPIRED before
 * the timer runs.
 */
export function renderIntent(i: InstoreIntent, now: number) {
  const status: IntentStatus = (i.status === 'OPENED' || i.status === 'ON_TERMINAL') && now >= i.expires_at ? 'EXPIRED' : i.status;
  const qr = qrOf(i);
  return {
    id: i.id,
    description: i.description,
    external_reference: i.external_reference,
    status,
    ...(i.sponsor_id !== null ? { sponsor: { id: i.sponsor_id } } : {}),
    operations: operations(i),
    enabler_configuration: enabler(i),
    ...(qr ? { qr } : {}),
  };
}

/** The webhook's data (seeds 000 and 001): the intent at its final state, its url, and qr.data for QR. */
export function webhookData(i: InstoreIntent, publicUrl: string) {
  const qr = qrOf(i);
  return {
    enabler_configuration: enabler(i),
    ...(qr ? { qr } : {}),
    external_reference: i.external_reference,
    description: i.description,
    id: i.id,
    ...(i.sponsor_id !== null ? { sponsor: { id: i.sponsor_id } } : {}),
    operations: operations(i),
    status: i.status,
    url: intentUrl(publicUrl, i),
  };
}

/** "2023-07-27 20:24:21.776642198-0400" (seed 000): a space, nanoseconds, an offset without a colon; caja prints UTC-4 as the seeds do. */
export function instoreDate(ms: number, offsetMinutes = -240): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local.slice(0, 10)} ${local.slice(11, 23)}000000${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
