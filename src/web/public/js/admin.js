import { absent, errorText, signOut } from './api.js';
import { fill, h, renderIf, table } from './dom.js';

const SITES = ['MLA', 'MLB', 'MLM', 'MLC', 'MCO', 'MPE', 'MLU'];

function credentials(c, openSeller) {
  return h(
    'div',
    { class: 'credentials', role: 'status' },
    h('p', {}, h('strong', {}, 'Shown once: caja keeps only hashes.')),
    h('dl', {}, Object.entries(c).map(([k, v]) => [h('dt', {}, k), h('dd', {}, h('code', {}, String(v)))])),
    c.access_token ? h('button', { type: 'button', onclick: () => openSeller(c.access_token) }, 'Open this seller') : null,
  );
}

/** The admin token: every seller, create sellers, issue tokens. Controls whose endpoint this caja lacks are hidden. */
export async function adminView({ api, main, who, nav, openSeller }) {
  fill(nav);
  fill(who, h('span', { class: 'seller' }, 'Admin'), h('button', { type: 'button', onclick: signOut }, 'Sign out'));
  const out = h('div', { id: 'admin-out' });
  const list = h('div', { class: 'body' });
  const site = h('select', { id: 'site' }, SITES.map((s) => h('option', { value: s }, s)));
  const name = h('input', { id: 'seller-name', maxlength: '100', autocomplete: 'off' });
  const create = h(
    'form',
    {
      class: 'inline',
      onsubmit: async (e) => {
        e.preventDefault();
        const r = await api.post('/sandbox/sellers', name.value.trim() ? { site_id: site.value, name: name.value.trim() } : { site_id: site.value });
        fill(out, r.ok ? credentials(r.body, openSeller) : h('p', { class: 'error', role: 'alert' }, errorText(r)));
        await refresh();
      },
    },
    h('label', { for: 'site' }, 'Site'),
    site,
    h('label', { for: 'seller-name' }, 'Name'),
    name,
    h('button', { type: 'submit' }, 'Create seller'),
  );
  fill(
    main,
    h('section', { class: 'card', 'aria-labelledby': 'create-title' }, h('h2', { id: 'create-title' }, 'Create a test seller'), create, out),
    h('section', { class: 'card', id: 'sellers', 'aria-labelledby': 'sellers-title' }, h('h2', { id: 'sellers-title' }, 'Sellers'), list),
  );

  async function issue(userId) {
    const r = await api.post(`/sandbox/sellers/${userId}/tokens`);
    fill(out, r.ok ? credentials(r.body, openSeller) : h('p', { class: 'error', role: 'alert' }, errorText(r)));
  }

  async function refresh() {
    const r = await api.get('/sandbox/sellers');
    if (absent(r)) return fill(list, h('p', { class: 'muted' }, 'This caja does not list sellers (GET /sandbox/sellers): create one above, or sign in with a seller token.'));
    if (!r.ok) return fill(list, h('p', { class: 'error' }, errorText(r)));
    const sellers = Array.isArray(r.body) ? r.body : (r.body.results ?? r.body.sellers ?? []);
    const tokens = await api.post('/sandbox/sellers/0/tokens');
    const canIssue = !absent(tokens);
    renderIf(list, sellers, () =>
      table(
        ['User id', 'Nickname', 'Name', 'Site', ''],
        sellers.map((s) =>
          h(
            'tr',
            { 'data-id': s.user_id ?? s.id },
            h('td', {}, s.user_id ?? s.id),
            h('td', {}, s.nickname ?? ''),
            h('td', {}, s.name ?? ''),
            h('td', {}, s.site_id ?? ''),
            h('td', {}, canIssue ? h('button', { type: 'button', onclick: () => issue(s.user_id ?? s.id) }, 'Issue a token') : null),
          ),
        ),
      ),
    );
  }
  await refresh();
  site.focus();
}
