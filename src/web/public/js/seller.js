import { signOut } from './api.js';
import { fill, h } from './dom.js';
import { refreshDetail } from './detail.js';
import { connectLive } from './live.js';
import { clockSection } from './sections/clock.js';
import { storesSection } from './sections/stores.js';
import { ordersSection } from './sections/orders.js';
import { paymentsSection } from './sections/payments.js';
import { terminalsSection } from './sections/terminals.js';
import { deliveriesSection } from './sections/deliveries.js';

const SECTIONS = [clockSection, storesSection, ordersSection, terminalsSection, paymentsSection, deliveriesSection];

/** A seller's view: every section fetches through the API and is fetched again on each change. */
export async function sellerView({ api, me, main, who, nav, admin }) {
  const live = h('span', { class: 'live', role: 'status' }, 'connecting');
  fill(
    who,
    h('span', { class: 'seller' }, `${me.nickname ?? ''} · user ${me.id} · ${me.site_id} · ${me.currency_id}`),
    live,
    admin ? h('button', { type: 'button', onclick: () => (sessionStorage.removeItem('caja.token'), location.assign('/')) }, 'Back to admin') : null,
    h('button', { type: 'button', onclick: signOut }, 'Sign out'),
  );
  const shared = { api, me, now: Date.now(), refresh: () => refreshAll() };
  const mounted = SECTIONS.map((s) => {
    const el = h('section', { id: s.id, class: 'card', 'aria-labelledby': `${s.id}-title` }, h('h2', { id: `${s.id}-title` }, s.title), h('div', { class: 'body' }, 'Loading…'));
    return { s, el, body: el.querySelector('.body') };
  });
  fill(nav, mounted.map(({ s }) => h('a', { href: `#${s.id}`, id: `nav-${s.id}` }, s.short ?? s.title)));
  fill(main, mounted.map((m) => m.el));

  const renderOne = async ({ s, el, body }) => {
    const shown = await s.render(shared, body);
    el.hidden = shown === false;
    document.getElementById(`nav-${s.id}`).hidden = shown === false;
  };
  let running = null;
  let again = false;
  async function refreshAll() {
    // One refresh at a time; changes during one trigger exactly one more.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        // The clock first: the order searches are windows on the seller's clock.
        await renderOne(mounted[0]);
        await Promise.all(mounted.slice(1).map(renderOne));
        await refreshDetail();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }
  await refreshAll();
  connectLive(api, refreshAll, (state) => {
    live.textContent = state;
    live.dataset.state = state;
  });
}
