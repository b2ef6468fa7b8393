import { absent, errorText } from '../api.js';
import { showDetail } from '../detail.js';
import { badge, fill, h, pre, renderIf, table, walletPathOf, when } from '../dom.js';
import { FAMILIES } from '../families.js';
import { historyOf, timeline } from '../history.js';

async function orderDetail(api, family, row) {
  const id = row.id;
  const [r, statuses] = await Promise.all([api.get(family.detail(id, row)), historyOf(api, family.history, id)]);
  if (!r.ok) return h('p', { class: 'error' }, errorText(r));
  const wallet = walletPathOf(family.qrData?.(r.body));
  const terminal = family.terminal?.(r.body);
  return [
    h('p', {}, badge(r.body.status), ' ', family.title),
    wallet ? h('p', {}, h('a', { href: wallet, target: '_blank', rel: 'noopener', class: 'button' }, 'Open the wallet page of its QR')) : null,
    terminal ? h('p', {}, h('a', { href: `/terminal/${encodeURIComponent(terminal)}`, class: 'button' }, 'Open its terminal')) : null,
    h('h3', {}, 'Status history'),
    timeline(statuses?.length ? statuses : family.statuses?.(r.body)),
    h('h3', {}, 'As the API answers it'),
    pre(r.body),
  ];
}

function rowsOf(api, family, rows) {
  return rows.map((o) =>
    h(
      'tr',
      { 'data-id': o.id },
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showDetail(`Order ${o.id}`, () => orderDetail(api, family, o)) }, o.id)),
      h('td', {}, o.kind ?? ''),
      h('td', {}, badge(o.status), o.detail && o.detail !== o.status ? h('span', { class: 'muted small' }, ` ${o.detail}`) : null),
      h('td', { class: 'num' }, o.amount ?? '', ' ', o.currency ?? ''),
      h('td', {}, o.reference ?? ''),
      h('td', {}, when(o.created)),
    ),
  );
}

/** Every order family (families.js); a family whose endpoint this caja does not serve is hidden. */
export const ordersSection = {
  id: 'orders',
  title: 'Orders',
  async render(shared, body) {
    const { api } = shared;
    const found = await Promise.all(FAMILIES.map(async (f) => [f, await api.get(f.list(shared.now))]));
    const shown = found.filter(([, r]) => !absent(r));
    renderIf(
      body,
      shown.map(([f, r]) => [f.key, r.status, r.body]),
      () =>
        shown.map(([f, r]) => {
          const rows = r.ok ? f.rows(r.body) : [];
          return h(
            'div',
            { class: 'family', 'data-family': f.key },
            h('h3', {}, f.title, ' ', h('span', { class: 'muted small' }, r.ok ? `${rows.length} shown` : '')),
            !r.ok
              ? h('p', { class: 'error' }, errorText(r))
              : rows.length
                ? table(['Id', 'Type', 'Status', 'Amount', 'Reference', 'Created'], rowsOf(api, f, rows))
                : h('p', { class: 'muted' }, 'None in the last 30 days.'),
          );
        }),
    );
    return true;
  },
};
