import { errorText } from '../api.js';
import { fill, h, localPath, renderIf, walletPathOf } from '../dom.js';

// A POS's payload never changes: asked once per page.
const payloads = new Map();

async function payloadOf(api, posId) {
  if (!payloads.has(posId)) {
    const r = await api.get(`/sandbox/pos/${posId}/qr`);
    if (r.ok) payloads.set(posId, r.body.qr_data);
    else return null;
  }
  return payloads.get(posId);
}

function posCard(p, payload) {
  const wallet = walletPathOf(payload);
  const img = localPath(p.qr?.image);
  return h(
    'article',
    { class: 'pos', 'data-pos': p.id },
    h('h4', {}, p.name, ' ', h('span', { class: 'muted' }, `(${p.external_id})`)),
    img ? h('img', { src: img, alt: `QR code of POS ${p.name}`, width: '160', height: '160', loading: 'lazy' }) : null,
    h(
      'p',
      { class: 'links' },
      p.qr?.template_image ? h('a', { href: localPath(p.qr.template_image), target: '_blank', rel: 'noopener' }, 'Printable card (PNG)') : null,
      p.qr?.template_document ? h('a', { href: localPath(p.qr.template_document), target: '_blank', rel: 'noopener' }, 'Printable card (PDF)') : null,
      wallet ? h('a', { href: wallet, target: '_blank', rel: 'noopener' }, 'Wallet page') : null,
    ),
    h('p', { class: 'muted small' }, `POS ${p.id}${p.fixed_amount ? ' · fixed amount' : ''}`),
  );
}

/** Stores, and each store's POS with its printed QR. */
export const storesSection = {
  id: 'stores',
  title: 'Stores and POS',
  short: 'Stores',
  async render({ api, me }, body) {
    const [stores, pos] = await Promise.all([api.get(`/users/${me.id}/stores/search?limit=50`), api.get('/pos?limit=100')]);
    if (!stores.ok || !pos.ok) return fill(body, h('p', { class: 'error' }, errorText(stores.ok ? pos : stores)));
    const posList = pos.body.results ?? [];
    const withPayload = await Promise.all(posList.map(async (p) => [p, await payloadOf(api, p.id)]));
    const storeList = stores.body.results ?? [];
    renderIf(body, [storeList, posList], () =>
      storeList.length === 0
        ? h('p', { class: 'muted' }, 'No stores yet: POST /users/{user_id}/stores creates one.')
        : storeList.map((s) => {
            const mine = withPayload.filter(([p]) => String(p.store_id) === String(s.id));
            return h(
              'div',
              { class: 'store' },
              h('h3', {}, s.name, ' ', h('span', { class: 'muted' }, s.external_id ? `(${s.external_id})` : `store ${s.id}`)),
              h('p', { class: 'muted small' }, [s.location?.address_line, s.location?.city_name].filter(Boolean).join(' · ')),
              mine.length ? h('div', { class: 'grid' }, mine.map(([p, payload]) => posCard(p, payload))) : h('p', { class: 'muted' }, 'No POS in this store.'),
            );
          }),
    );
    return true;
  },
};
