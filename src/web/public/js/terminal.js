import { Api, TOKEN_KEY, absent, errorText } from './api.js';
import { fill, h, when } from './dom.js';
import { connectLive } from './live.js';
import { minorToText } from './sections/terminals.js';

// A Point terminal's screen, driven by the same sandbox API as the simulated
// terminal: GET /sandbox/terminals/{id} shows it, POST .../card|cancel|timeout act on it.
const main = document.getElementById('main');
const id = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const token = sessionStorage.getItem(TOKEN_KEY);
const CARDHOLDERS = [
  ['APRO', 'approved'],
  ['OTHE', 'declined: other reason'],
  ['FUND', 'declined: insufficient funds'],
  ['CALL', 'declined: call to authorize'],
  ['SECU', 'declined: security code'],
  ['EXPI', 'declined: expiration date'],
  ['FORM', 'declined: form error'],
];
const TITLES = {
  idle: 'Ready',
  showing_order: 'Charge',
  waiting_card: 'Insert, tap or swipe the card',
  processing: 'Processing…',
  approved: 'Approved',
  declined: 'Declined',
  ticket: 'Printing the ticket',
};
let status = null;

async function act(api, path, body) {
  const r = await api.post(`/sandbox/terminals/${encodeURIComponent(id)}/${path}`, body);
  status.textContent = r.ok ? '' : absent(r) ? `This caja does not serve POST /sandbox/terminals/{id}/${path}` : errorText(r);
  await render(api);
}

/** approved or declined once the card was processed (the ticket state keeps the outcome's status_detail). */
function outcomeOf(s) {
  if (s.state === 'approved' || s.state === 'declined') return s.state;
  if (s.state === 'ticket' && s.status_detail) return s.status_detail === 'accredited' ? 'approved' : 'declined';
  return null;
}

function screenOf(t) {
  const s = t.screen ?? { state: 'idle' };
  const c = s.charge;
  const outcome = outcomeOf(s);
  return h(
    'div',
    { class: `screen st-${String(s.state).replace(/[^a-z_]/g, '')}${outcome ? ` out-${outcome}` : ''}`, role: 'region', 'aria-label': 'Terminal screen', 'aria-live': 'polite' },
    h('p', { class: 'muted small' }, `${t.model ?? 'Point'} · ${t.id}`),
    h('p', { class: 'screen-title', 'data-state': s.state }, outcome ? TITLES[outcome] : (TITLES[s.state] ?? s.state)),
    outcome ? h('p', { class: `outcome ${outcome}`, 'data-outcome': outcome }, s.state === 'ticket' ? 'Ticket printed' : '') : null,
    c ? h('p', { class: 'amount' }, minorToText(c.amount, c.currency), ' ', h('span', { class: 'currency' }, c.currency)) : null,
    c?.description ? h('p', {}, c.description) : null,
    s.card ? h('p', { class: 'muted' }, `${s.card.payment_method_id} •••• ${s.card.last_four_digits} · ${s.card.cardholder}`) : null,
    s.status_detail ? h('p', { class: 'muted' }, s.status_detail) : null,
    s.ticket ? h('pre', { class: 'ticket', tabindex: '0' }, s.ticket) : null,
    s.since ? h('p', { class: 'muted small' }, `since ${when(new Date(s.since).toISOString())}`) : null,
  );
}

const screenBox = h('div', { id: 'screen' });
let built = false;

function build(api) {
  const who = h('select', { id: 'cardholder' }, CARDHOLDERS.map(([code, label]) => h('option', { value: code }, `${code} (${label})`)));
  status = h('p', { class: 'error', role: 'alert' });
  fill(
    main,
    h('h1', {}, 'Terminal'),
    screenBox,
    h(
      'div',
      { class: 'card controls' },
      h('label', { for: 'cardholder' }, 'Cardholder (test card outcome)'),
      who,
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => act(api, 'card', { cardholder_name: who.value }) }, 'Insert / tap card'),
        h('button', { type: 'button', onclick: () => act(api, 'cancel') }, 'Cancel'),
        h('button', { type: 'button', onclick: () => act(api, 'timeout') }, 'Payer walks away'),
      ),
      status,
    ),
  );
  built = true;
}

/** Only the screen is drawn again, so the controls keep the keyboard focus. */
async function render(api) {
  const r = await api.get(`/sandbox/terminals/${encodeURIComponent(id)}`);
  if (absent(r)) return fill(main, h('p', { class: 'error' }, 'This caja has no simulated terminals (GET /sandbox/terminals/{id}).'));
  if (!r.ok) return fill(main, h('p', { class: 'error' }, errorText(r)));
  if (!built) build(api);
  fill(screenBox, screenOf(r.body));
}

if (!token) {
  fill(main, h('p', {}, 'Sign in on the ', h('a', { href: '/' }, 'dashboard'), ' first (this tab keeps the token).'));
} else {
  const api = new Api(token);
  void render(api);
  connectLive(api, () => render(api));
}
