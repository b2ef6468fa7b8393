// Elements are built from text nodes and attributes only: data never reaches innerHTML.

/** h('a', { href: '/x', onclick: fn }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A same-origin path from a URL caja printed with its public URL (images, QR links). */
export function localPath(url) {
  try {
    const u = new URL(String(url), location.origin);
    return u.pathname + u.search;
  } catch {
    return null;
  }
}

/** EMV's top level: two-digit id, two-digit length, value. */
function tlv(text) {
  const out = {};
  for (let i = 0; i + 4 <= text.length; ) {
    const n = Number(text.slice(i + 2, i + 4));
    if (!Number.isInteger(n)) break;
    out[text.slice(i, i + 2)] = text.slice(i + 4, i + 4 + n);
    i += 4 + n;
  }
  return out;
}

/** The wallet page of a QR payload caja issued: the URL in its template 26 (Pix) or 43 (Mercado Pago). */
export function walletPathOf(payload) {
  const top = tlv(String(payload ?? ''));
  for (const id of ['26', '43']) {
    for (const v of Object.values(tlv(top[id] ?? ''))) {
      const m = /\/(qr|pix\/v2)\/([0-9A-Za-z-]{8,64})$/.exec(v);
      if (m) return `/${m[1]}/${m[2]}`;
    }
  }
  return null;
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function badge(status) {
  return h('span', { class: `badge s-${String(status ?? '').replace(/[^a-z_]/gi, '')}` }, status ?? '');
}

export function pre(value) {
  return h('pre', { class: 'json', tabindex: '0' }, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

export function table(headers, rows) {
  return h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, rows)));
}

/** Re-renders only when what is shown changed, so focus and scroll survive a refresh that found nothing new. */
export function renderIf(body, data, build) {
  const sig = JSON.stringify(data);
  if (body.cajaSig === sig) return;
  body.cajaSig = sig;
  fill(body, build());
}
