import { ADMIN_KEY, Api, TOKEN_KEY, absent } from './api.js';
import { fill, h } from './dom.js';
import { adminView } from './admin.js';
import { sellerView } from './seller.js';

const main = document.getElementById('main');
const who = document.getElementById('who');
const nav = document.getElementById('nav');

function signIn(message) {
  fill(who);
  fill(nav);
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true });
  const form = h(
    'form',
    {
      class: 'signin',
      onsubmit: (e) => {
        e.preventDefault();
        void start(input.value.trim());
      },
    },
    h('label', { for: 'token' }, 'Access token or admin token'),
    input,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  fill(
    main,
    h(
      'section',
      { class: 'card narrow', 'aria-labelledby': 'signin-title' },
      h('h2', { id: 'signin-title' }, 'Sign in'),
      h('p', {}, "A seller's access token shows that seller: stores, POS, orders, payments, terminals, webhooks and its clock. The admin token manages sellers."),
      form,
      message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    ),
  );
  input.focus();
}

/** The admin token passes requireAdmin: GET /sandbox/sellers, or (where it is not served) a seller creation refused for its empty body. */
async function adminCheck(api) {
  const list = await api.get('/sandbox/sellers');
  if (list.ok) return true;
  if (!absent(list)) return false;
  const probe = await api.post('/sandbox/sellers', {});
  return probe.status === 400;
}

async function start(token) {
  if (!token) return signIn();
  fill(main, h('p', {}, 'Signing in…'));
  const api = new Api(token);
  const me = await api.get('/users/me');
  if (me.ok) {
    sessionStorage.setItem(TOKEN_KEY, token);
    return sellerView({ api, me: me.body, main, who, nav, admin: sessionStorage.getItem(ADMIN_KEY) });
  }
  if (await adminCheck(api)) {
    sessionStorage.setItem(ADMIN_KEY, token);
    sessionStorage.removeItem(TOKEN_KEY);
    return adminView({ api, main, who, nav, openSeller: (t) => start(t) });
  }
  sessionStorage.removeItem(TOKEN_KEY);
  return signIn(me.status === 0 ? 'caja did not answer.' : "This is neither a seller's access token nor the admin token.");
}

document.getElementById('detail-close').addEventListener('click', () => document.getElementById('detail').close());
void start(sessionStorage.getItem(TOKEN_KEY) ?? sessionStorage.getItem(ADMIN_KEY) ?? '');
