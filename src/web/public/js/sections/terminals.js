import { absent, errorText } from '../api.js';
import { badge, fill, h, renderIf, table } from '../dom.js';

// Minor units to the currency's decimals (CLP and COP have none).
export function minorToText(amount, currency) {
  const exp = currency === 'CLP' || currency === 'COP' ? 0 : 2;
  const n = BigInt(Math.trunc(Number(amount) || 0));
  if (exp === 0) return n.toString();
  const neg = n < 0n ? '-' : '';
  const a = n < 0n ? -n : n;
  return `${neg}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** The seller's simulated Point terminals (GET /sandbox/terminals) and what each screen shows; hidden where this caja has none. */
export const terminalsSection = {
  id: 'terminals',
  title: 'Terminals',
  async render({ api }, body) {
    const r = await api.get('/sandbox/terminals');
    if (absent(r)) return false;
    if (!r.ok) return fill(body, h('p', { class: 'error' }, errorText(r)));
    const terminals = r.body?.results ?? [];
    renderIf(body, terminals, () =>
      terminals.length
        ? table(
            ['Terminal', 'POS', 'Mode', 'Screen', 'Charge', ''],
            terminals.map((t) => {
              const c = t.screen?.charge;
              return h(
                'tr',
                { 'data-id': t.id },
                h('td', {}, t.id, h('span', { class: 'muted small' }, ` ${t.model ?? ''}`)),
                h('td', {}, t.external_pos_id ?? t.pos_id ?? ''),
                h('td', {}, t.operating_mode ?? ''),
                h('td', {}, badge(t.screen?.state ?? '')),
                h('td', {}, c ? `${minorToText(c.amount, c.currency)} ${c.currency}` : ''),
                h('td', {}, h('a', { href: `/terminal/${encodeURIComponent(t.id)}` }, 'Open the terminal')),
              );
            }),
          )
        : h('p', { class: 'muted' }, 'No terminals yet: POST /sandbox/terminals creates one on a POS.'),
    );
    return true;
  },
};
