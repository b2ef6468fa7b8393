// Every order family the dashboard lists. A new family is ONE entry here: the
// orders section, its detail dialog and the status timeline read nothing else.
//
//   key        a unique word (the section's data-family attribute)
//   title      the heading over its table
//   list(now)  the path of its list (GET, the seller's token); `now` is the
//              seller's clock in ms, for APIs that search a date window
//   rows(body) the list's answer as rows: { id, kind, status, detail?, amount?,
//              currency?, reference?, created? } (created: an ISO time)
//   detail(id, row)  the path of one order (GET); `row` is what rows() made of
//              it, for APIs whose path depends on its kind
//   history    optional: the aggregate name of its machine (src/domain/lifecycle),
//              read from GET /sandbox/history/{history}/{id}; the server side
//              is one line in OWNED (src/sandbox/history/routes.ts)
//   statuses(body)  optional: the detail's own status list, where it has one
//   qrData(body)    optional: the EMV payload of the order's code (a link to its wallet page)
//   terminal(body)  optional: the id of the Point terminal it was sent to (a link to its screen)
//
// A family whose list endpoint this caja does not serve (404 "Route ...", 501)
// is hidden. The live stream (src/store/repos/changes.ts) sees a family whose
// changes emit an event; one that emits none adds its newest row there.

const q = (params) => new URLSearchParams(params).toString();
const days = (n) => n * 86_400_000;

/** The API's search windows are on the seller's clock: the last 30 days of it. */
function window30(now) {
  const end = new Date(now + 3_600_000);
  const begin = new Date(end.getTime() - days(30) + 1000);
  const iso = (d) => d.toISOString().replace(/\.\d+Z$/, 'Z');
  return { begin: iso(begin), end: iso(end), beginDate: iso(begin).slice(0, 10), endDate: iso(end).slice(0, 10) };
}

export const FAMILIES = [
  {
    key: 'mp',
    title: 'Orders API (QR and Point)',
    list: (now) => `/v1/orders?${q({ begin_date: window30(now).begin, end_date: window30(now).end, limit: '50', sort_order: 'desc' })}`,
    rows: (b) =>
      (b?.data ?? []).map((o) => ({
        id: o.id,
        kind: o.type,
        status: o.status,
        detail: o.status_detail,
        amount: o.total_amount,
        currency: o.currency ?? '',
        reference: o.external_reference,
        created: o.created_date,
      })),
    detail: (id) => `/v1/orders/${encodeURIComponent(id)}`,
    history: 'mp_order',
    qrData: (b) => b?.type_response?.qr_data,
    terminal: (b) => b?.config?.point?.terminal_id,
  },
  {
    key: 'instore',
    title: 'Legacy QR orders (attended, in-store v2, dynamic, hybrid)',
    // Mercado Pago's API has no list of them: caja's own (GET /sandbox/instore/orders).
    list: () => `/sandbox/instore/orders?${q({ limit: '50' })}`,
    rows: (b) =>
      (b?.results ?? []).map((o) => ({
        id: o.id,
        kind: o.model,
        status: o.status,
        amount: o.total_amount,
        currency: o.currency,
        reference: o.external_reference,
        created: o.created_at,
      })),
    detail: (id) => `/sandbox/instore/orders/${encodeURIComponent(id)}`,
    history: 'instore_order',
    qrData: (b) => b?.qr_data,
  },
  {
    key: 'intents',
    title: 'Point payment intents',
    list: (now) => `/point/integration-api/payment-intents/events?${q({ startDate: window30(now).beginDate, endDate: window30(now).endDate })}`,
    rows: (b) =>
      (b?.events ?? []).map((e) => ({ id: e.payment_intent_id, kind: 'payment_intent', status: e.status, created: e.created_on })),
    detail: (id) => `/point/integration-api/payment-intents/${encodeURIComponent(id)}`,
    history: 'point_intent',
    terminal: (b) => b?.device_id,
  },
  {
    key: 'instore_intents',
    title: 'Instore intents (QR and Point)',
    list: () => `/sandbox/instore-intents?${q({ limit: '50' })}`,
    rows: (b) =>
      (b?.results ?? []).map((i) => ({
        id: i.id,
        kind: i.kind,
        status: i.status,
        amount: i.amount,
        currency: i.currency,
        reference: i.external_reference,
        created: i.date_created,
      })),
    detail: (id) => `/sandbox/instore-intents/${encodeURIComponent(id)}`,
    history: 'instore_intent',
  },
  {
    key: 'merchant_orders',
    title: 'Merchant orders (legacy QR)',
    list: () => `/merchant_orders/search?${q({ limit: '50' })}`,
    rows: (b) =>
      (b?.elements ?? []).map((m) => ({
        id: String(m.id),
        kind: 'merchant_order',
        status: m.order_status ?? m.status,
        detail: m.status,
        amount: m.total_amount,
        currency: m.currency_id ?? '',
        reference: m.external_reference,
        created: m.date_created,
      })),
    detail: (id) => `/merchant_orders/${encodeURIComponent(id)}`,
    history: 'merchant_order',
  },
  {
    key: 'depay',
    title: 'Depay QR orders',
    list: () => `/sandbox/depay/orders?${q({ limit: '50' })}`,
    rows: (b) =>
      (b?.results ?? []).map((o) => ({
        id: o.id,
        kind: 'depay',
        status: o.status,
        amount: o.local?.amount,
        currency: o.local?.currency ?? '',
        reference: o.external_reference,
        created: o.created_at,
      })),
    detail: (id) => `/sandbox/depay/orders/${encodeURIComponent(id)}`,
    // The Depay detail carries its own history.
    statuses: (b) => b?.statuses,
  },
];
