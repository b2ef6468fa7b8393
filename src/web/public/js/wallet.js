import { errorText } from './api.js';
import { fill, h } from './dom.js';

// What a payer's app shows for a code caja issued: this page is what the URL
// inside the QR opens in a browser. It reads the same URL as JSON, then pays
// through the sandbox wallet (no credentials, like a real wallet).
const main = document.getElementById('main');

async function call(method, path, body) {
  const res = await fetch(path, { method, headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined, cache: 'no-store' });
  let parsed = null;
  try {
    parsed = await res.json();
  } catch {
    parsed = null;
  }
  return { status: res.status, ok: res.ok, body: parsed };
}

function items(list) {
  if (!list?.length) return null;
  return h('ul', { class: 'items' }, list.map((i) => h('li', {}, h('span', {}, `${i.quantity} × ${i.title}`), h('span', { class: 'num' }, i.unit_price))));
}

function receipt(r) {
  const approved = r.ok && r.body.status === 'approved';
  fill(
    main,
    h(
      'section',
      { class: `card wallet ${approved ? 'ok' : 'no'}`, 'aria-labelledby': 'result' },
      h('h1', { id: 'result', tabindex: '-1' }, !r.ok ? 'Not paid' : approved ? 'Paid' : 'Declined'),
      r.ok ? h('p', { class: 'amount' }, r.body.amount, ' ', r.body.currency) : h('p', { class: 'error' }, errorText(r)),
      r.ok ? h('p', { class: 'muted' }, `Payment ${r.body.id} · ${r.body.status_detail ?? r.body.status}`) : null,
      h('p', {}, h('a', { href: location.pathname, class: 'button' }, 'Scan again')),
    ),
  );
  main.querySelector('#result').focus();
}

async function pay(qrData, outcome, buttons) {
  for (const b of buttons) b.disabled = true;
  receipt(await call('POST', '/sandbox/wallet/pay', { qr_data: qrData, outcome }));
}

async function show() {
  const r = await call('GET', location.pathname);
  if (!r.ok) return fill(main, h('section', { class: 'card wallet' }, h('h1', {}, 'Unknown code'), h('p', { class: 'error' }, errorText(r))));
  const c = r.body;
  if (c.status !== 'payable') {
    return fill(main, h('section', { class: 'card wallet' }, h('h1', {}, 'Nothing to pay'), h('p', {}, c.message ?? c.reason), h('p', {}, h('a', { href: location.pathname, class: 'button' }, 'Scan again'))));
  }
  const payBtn = h('button', { type: 'button', class: 'primary', onclick: () => pay(c.qr_data, 'approved', [payBtn, declineBtn]) }, 'Pay');
  const declineBtn = h('button', { type: 'button', onclick: () => pay(c.qr_data, 'rejected', [payBtn, declineBtn]) }, 'Decline');
  const d = c.details ?? {};
  fill(
    main,
    h(
      'section',
      { class: 'card wallet', 'aria-labelledby': 'merchant' },
      h('p', { class: 'muted small' }, `Paying with the caja wallet · ${c.provider}`),
      h('h1', { id: 'merchant' }, c.merchant?.name || 'Merchant'),
      h('p', { class: 'muted' }, [c.merchant?.city, c.merchant?.country].filter(Boolean).join(', ')),
      h('p', { class: 'amount', 'data-amount': c.amount }, c.amount, ' ', h('span', { class: 'currency' }, c.currency)),
      d.local_amount ? h('p', { class: 'muted' }, `Merchant receives ${d.local_amount} ${d.local_currency} (rate ${d.exchange_rate})`) : null,
      c.charge?.description ? h('p', {}, c.charge.description) : null,
      items(c.items),
      c.charge?.external_reference ? h('p', { class: 'muted small' }, `Reference ${c.charge.external_reference}`) : null,
      h('div', { class: 'row' }, payBtn, declineBtn),
    ),
  );
  payBtn.focus();
}

void show();
