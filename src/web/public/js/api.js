// The pages speak caja's own JSON API with the signed-in token, like any integrator.

// Per tab (sessionStorage): closing the tab signs out. The admin token is kept
// apart, so an admin who opens a seller's view can come back.
export const TOKEN_KEY = 'caja.token';
export const ADMIN_KEY = 'caja.admin';

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(ADMIN_KEY);
  location.assign('/');
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async call(method, path, body) {
    const headers = { accept: 'application/json', authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      return { status: 0, ok: false, body: { message: String(e) } };
    }
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { message: text };
    }
    return { status: res.status, ok: res.ok, body: parsed };
  }

  get(path) {
    return this.call('GET', path);
  }

  post(path, body) {
    return this.call('POST', path, body ?? {});
  }
}

/** An endpoint this caja does not serve (yet): caja's fallback 404 ("Route GET:/x not found") or a 501. */
export function absent(r) {
  return r.status === 501 || (r.status === 404 && typeof r.body?.message === 'string' && r.body.message.startsWith('Route '));
}

export function errorText(r) {
  const b = r.body ?? {};
  return `${r.status} ${b.message ?? b.error ?? ''}`.trim();
}
