import { errorText } from '../api.js';
import { showDetail } from '../detail.js';
import { badge, fill, h, pre, renderIf, table, when } from '../dom.js';
import { historyOf, timeline } from '../history.js';

async function paymentDetail(api, id) {
  const [p, refunds, statuses] = await Promise.all([api.get(`/v1/payments/${id}`), api.get(`/v1/payments/${id}/refunds`), historyOf(api, 'payment', id)]);
  if (!p.ok) return h('p', { class: 'error' }, errorText(p));
  const list = refunds.ok ? refunds.body : [];
  return [
    h('p', {}, badge(p.body.status), ' ', p.body.status_detail, ' · ', p.body.transaction_amount, ' ', p.body.currency_id),
    h('h3', {}, 'Status history'),
    timeline(statuses),
    h('h3', {}, 'Refunds'),
    list.length
      ? table(['Id', 'Status', 'Amount', 'Created'], list.map((r) => h('tr', {}, h('td', {}, r.id), h('td', {}, badge(r.status)), h('td', { class: 'num' }, r.amount), h('td', {}, when(r.date_created)))))
      : h('p', { class: 'muted' }, 'No refunds.'),
    h('h3', {}, 'As the API answers it'),
    pre(p.body),
  ];
}

/** The payments ledger (every attempt, approved or rejected) and, below it, every refund those payments carry. */
export const paymentsSection = {
  id: 'payments',
  title: 'Payments and refunds',
  short: 'Payments',
  async render({ api }, body) {
    const r = await api.get('/v1/payments/search?sort=date_created&criteria=desc&limit=30');
    if (!r.ok) return fill(body, h('p', { class: 'error' }, errorText(r)));
    const rows = r.body.results ?? [];
    const refunds = rows.flatMap((p) => (p.refunds ?? []).map((f) => ({ ...f, currency_id: p.currency_id, payment_id: f.payment_id ?? p.id })));
    const open = (id) => showDetail(`Payment ${id}`, () => paymentDetail(api, id));
    renderIf(body, rows, () =>
      rows.length
        ? [
            table(
              ['Id', 'Status', 'Amount', 'Refunded', 'Method', 'Reference', 'Created'],
              rows.map((p) =>
                h(
                  'tr',
                  { 'data-id': p.id },
                  h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => open(p.id) }, String(p.id))),
                  h('td', {}, badge(p.status), h('span', { class: 'muted small' }, ` ${p.status_detail ?? ''}`)),
                  h('td', { class: 'num' }, p.transaction_amount, ' ', p.currency_id),
                  h('td', { class: 'num' }, p.transaction_amount_refunded ?? 0),
                  h('td', {}, p.payment_method_id ?? ''),
                  h('td', {}, p.external_reference ?? ''),
                  h('td', {}, when(p.date_created)),
                ),
              ),
            ),
            h('h3', { id: 'refunds-title' }, 'Refunds'),
            refunds.length
              ? h(
                  'div',
                  { class: 'refunds', 'aria-labelledby': 'refunds-title' },
                  table(
                    ['Refund', 'Payment', 'Status', 'Amount', 'Created'],
                    refunds.map((f) =>
                      h(
                        'tr',
                        { 'data-refund': f.id },
                        h('td', {}, String(f.id)),
                        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => open(f.payment_id) }, String(f.payment_id))),
                        h('td', {}, badge(f.status)),
                        h('td', { class: 'num' }, f.amount, ' ', f.currency_id ?? ''),
                        h('td', {}, when(f.date_created)),
                      ),
                    ),
                  ),
                )
              : h('p', { class: 'muted' }, 'No refunds among these payments.'),
          ]
        : h('p', { class: 'muted' }, 'No payments yet.'),
    );
    return true;
  },
};
