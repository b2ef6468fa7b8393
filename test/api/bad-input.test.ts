import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, posBody, posTotal, storeBody, storeTotal, type CreatedPos, type CreatedStore } from '../support/stores-fixtures.js';

/**
 * Every endpoint of sellers, clock, stores and POS against bad input: each answers 400 in the legacy envelope with a cause that
 * names the field, never 500, and stores nothing.
 */
type Body = Record<string, unknown>;
const REMOVE = Symbol('remove');

function withPath(base: Body, path: string, value: unknown): Body {
  const body = structuredClone(base);
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let cur = body as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === REMOVE) delete cur[last];
  else cur[last] = value;
  return body;
}

interface Field {
  path: string;
  wrong: unknown[];
  required?: boolean;
  max?: number;
  /** Values a pattern forbids (separators, non-ASCII, control characters). */
  forbidden?: string[];
}

const ID_CHARS = ['A-1', 'A_1', 'A 1', 'AÑ1', 'A\u00001', 'A\n1', 'A\t1', 'ＡＢ１', 'A😀'];
const TIME_CHARS = ['08:00\n', ' 08:00', '０８:00', '08：00', '8:00', '24:00', '08:60'];
const URL_CHARS = ['https://example.com/a b', 'https://example.com/\n', 'javascript:alert(1)', 'ftp://example.com/x', 'https://example.com/a\u0000b', 'https://example.com/a\u0007b'];

const STORE_FIELDS: Field[] = [
  { path: 'name', wrong: [1, null, true, [], {}], required: true, max: 100 },
  { path: 'external_id', wrong: [1, null, ['A']], max: 60, forbidden: ID_CHARS },
  { path: 'location', wrong: ['x', 1, [], null], required: true },
  { path: 'location.street_name', wrong: [1, null], required: true, max: 150 },
  { path: 'location.street_number', wrong: [1234, null], required: true, max: 20 },
  { path: 'location.city_name', wrong: [1, null], required: true, max: 100 },
  { path: 'location.state_name', wrong: [1, null], required: true, max: 100 },
  { path: 'location.zip_code', wrong: [1234], max: 20 },
  { path: 'location.latitude', wrong: ['-34.6', null, true, {}], required: true },
  { path: 'location.longitude', wrong: ['-58.4', null, []], required: true },
  { path: 'location.reference', wrong: [1, null], max: 250 },
  { path: 'business_hours', wrong: ['x', [], 1] },
  { path: 'business_hours.monday', wrong: ['x', {}, 1] },
  { path: 'business_hours.monday[0].open', wrong: [800, null], required: true, forbidden: TIME_CHARS },
  { path: 'business_hours.monday[0].close', wrong: [1200], required: true },
];
const POS_FIELDS: Field[] = [
  { path: 'name', wrong: [1, null, false], required: true, max: 44 },
  { path: 'fixed_amount', wrong: ['true', 1, 0, null], required: true },
  { path: 'store_id', wrong: ['abc', null, true, 0, -1, 1.5, '1.5', ' 1', '', '1'.repeat(16), {}], required: true },
  { path: 'external_store_id', wrong: [1, null], required: true, max: 60 },
  { path: 'external_id', wrong: [1, null], required: true, max: 40, forbidden: ID_CHARS },
  { path: 'category', wrong: ['621102', 1.5, null, 0, -1] },
  { path: 'url', wrong: [1, null], max: 300, forbidden: URL_CHARS },
];

interface Endpoint {
  name: string;
  method: 'POST' | 'PUT';
  url: () => string;
  who: () => Record<string, string>;
  base: () => Body;
  fields: Field[];
  /** PUT bodies are partial: nothing is required at the top level. */
  partial?: boolean;
}

describe('bad input across every endpoint', () => {
  const caja = testbed();
  let seller: TestSeller;
  let store: CreatedStore;
  let pos: CreatedPos;
  let snapshot: { store: string; pos: string; nextUser: number };
  beforeAll(async () => {
    seller = await caja.seller('MLA');
    store = await createStore(caja, seller);
    pos = await createPos(caja, seller, store);
    snapshot = {
      store: (await as(caja, seller, { method: 'GET', url: `/stores/${store.id}` })).body,
      pos: (await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` })).body,
      nextUser: seller.user_id + 1,
    };
  });

  const endpoints: Endpoint[] = [
    { name: 'POST /sandbox/sellers', method: 'POST', url: () => '/sandbox/sellers', who: () => ({ authorization: `Bearer ${ADMIN_TOKEN}` }), base: () => ({ site_id: 'MLA', name: 'Seller' }), fields: [{ path: 'site_id', wrong: [1, null, true, 'mla', 'MLX', ['MLA']], required: true }, { path: 'name', wrong: [1, {}, ''], max: 100 }] },
    { name: 'POST /sandbox/clock/advance', method: 'POST', url: () => '/sandbox/clock/advance', who: () => seller.auth, base: () => ({ seconds: 60 }), fields: [{ path: 'seconds', wrong: ['60', 1.5, null, true, 0, -1, 1e300], required: true }] },
    { name: 'POST /users/{id}/stores', method: 'POST', url: () => `/users/${seller.user_id}/stores`, who: () => seller.auth, base: () => storeBody(seller), fields: STORE_FIELDS },
    { name: 'PUT /users/{id}/stores/{id}', method: 'PUT', url: () => `/users/${seller.user_id}/stores/${store.id}`, who: () => seller.auth, base: () => storeBody(seller, { external_id: store.external_id }), fields: STORE_FIELDS, partial: true },
    { name: 'POST /pos', method: 'POST', url: () => '/pos', who: () => seller.auth, base: () => posBody(store), fields: POS_FIELDS },
    { name: 'PUT /pos/{id}', method: 'PUT', url: () => `/pos/${pos.id}`, who: () => seller.auth, base: () => posBody(store, { external_id: pos.external_id }), fields: POS_FIELDS, partial: true },
  ];

  const send = (e: Endpoint, payload: string) => as(caja, null, { method: e.method, url: e.url(), headers: { ...e.who(), 'content-type': 'application/json' }, payload });

  describe.each(endpoints)('$name', (e) => {
    const cases: Array<[string, () => unknown, string | undefined]> = [
      ['malformed JSON', () => '{"a": ', undefined],
      ['a JSON array', () => [e.base()], '(body)'],
      ['a JSON number', () => 42, '(body)'],
      ['an unknown field', () => ({ ...e.base(), zz_unknown: 1 }), 'zz_unknown'],
      ['a __proto__ key', () => `{"__proto__": {"polluted": true}, ${JSON.stringify(e.base()).slice(1)}`, '__proto__'],
    ];
    for (const f of e.fields) {
      for (const v of f.wrong) cases.push([`${f.path} = ${JSON.stringify(v)}`, () => withPath(e.base(), f.path, v), f.path]);
      if (f.max) cases.push([`${f.path} of ${f.max + 1} characters`, () => withPath(e.base(), f.path, f.path === 'url' ? `https://e.com/${'u'.repeat(f.max! - 13)}` : 'A'.repeat(f.max! + 1)), f.path]);
      for (const v of f.forbidden ?? []) cases.push([`${f.path} = ${JSON.stringify(v)}`, () => withPath(e.base(), f.path, v), f.path]);
      if (f.required && !(e.partial && !f.path.includes('.'))) cases.push([`${f.path} missing`, () => withPath(e.base(), f.path, REMOVE), f.path]);
    }

    it.each(cases)('%s → 400 naming the field', async (_name, make, field) => {
      const body = make();
      const res = await send(e, typeof body === 'string' ? body : JSON.stringify(body));
      expectLegacy(res, 400, field === undefined ? 'json_syntax_error' : undefined, field);
      expect((res.json() as { cause: unknown[] }).cause.length).toBeGreaterThan(0);
    });
  });

  describe('query strings', () => {
    it.each([
      ['/pos', ['limit=abc', 'limit=0', 'limit=101', 'limit=1.5', 'offset=-1', 'offset=abc', 'store_id=abc', 'store_id=1.5', 'store_id=%00', 'category=abc', 'category=-1', 'external_id=POS-1', 'external_id=%C3%911', 'external_id=A%001', `external_id=${'A'.repeat(41)}`, `external_store_id=${'S'.repeat(61)}`]],
      ['/users/:me/stores/search', ['limit=abc', 'limit=0', 'limit=101', 'offset=-1', 'offset=x', `external_id=${'A'.repeat(61)}`]],
    ])('GET %s refuses each bad parameter with 400 naming it', async (path, queries) => {
      for (const q of queries) {
        const res = await as(caja, seller, { method: 'GET', url: `${path.replace(':me', String(seller.user_id))}?${q}` });
        expectLegacy(res, 400, undefined, q.split('=')[0]);
      }
    });
  });

  describe('path ids', () => {
    const routes: Array<[string, string, string]> = [
      ['GET', '/stores/{}', 'id'],
      ['PUT', '/users/:me/stores/{}', 'id'],
      ['DELETE', '/users/:me/stores/{}', 'id'],
      ['PUT', '/users/{}/stores/1', 'user_id'],
      ['DELETE', '/users/{}/stores/1', 'user_id'],
      ['POST', '/users/{}/stores', 'user_id'],
      ['GET', '/users/{}/stores/search', 'user_id'],
      ['GET', '/pos/{}', 'id'],
      ['PUT', '/pos/{}', 'id'],
      ['DELETE', '/pos/{}', 'id'],
      ['GET', '/sandbox/pos/{}/qr', 'id'],
    ];
    it.each(['abc', '-1', '1.5', '1e3', '%00', '%EF%BC%91', '0x10', '9'.repeat(16)])('%s → 400 naming the id on every route', async (bad) => {
      for (const [method, tpl, field] of routes) {
        const url = tpl.replace('{}', bad).replace(':me', String(seller.user_id));
        const res = await as(caja, seller, { method: method as 'GET', url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { name: 'x' } }) });
        expectLegacy(res, 400, undefined, field);
      }
    });
  });

  it('stored nothing: the store, the POS, the clock and the seller sequence are as they were', async () => {
    expect((await as(caja, seller, { method: 'GET', url: `/stores/${store.id}` })).body).toBe(snapshot.store);
    expect((await as(caja, seller, { method: 'GET', url: `/pos/${pos.id}` })).body).toBe(snapshot.pos);
    expect(await storeTotal(caja, seller)).toBe(1);
    expect(await posTotal(caja, seller)).toBe(1);
    expect((await as(caja, seller, { method: 'GET', url: '/sandbox/clock' })).json()).toMatchObject({ offset_seconds: 0 });
    // Nothing consumed a user id.
    expect((await caja.seller('MLA')).user_id).toBe(snapshot.nextUser);
  });

  describe('never 500', () => {
    it.each([
      ['POST /pos with store_id 1e300', 'POST', '/pos', () => ({ ...posBody(store), store_id: 1e300 })],
      ['POST /pos with store_id 2^64', 'POST', '/pos', () => ({ ...posBody(store), store_id: 18446744073709551616 })],
      ['PUT /pos with store_id 1e300', 'PUT', () => `/pos/${pos.id}`, () => ({ store_id: 1e300 })],
    ] as const)('%s → 400 INVALID_STORE_ID', async (_n, method, url, body) => {
      const res = await as(caja, seller, { method, url: typeof url === 'string' ? url : url(), payload: body() });
      expectLegacy(res, 400, method === 'PUT' ? 'POS_INVALID_STORE_ID' : 'INVALID_STORE_ID', 'store_id');
    });

    it('a body over 1 MiB → 413 in the legacy envelope', async () => {
      const res = await as(caja, seller, { method: 'POST', url: '/pos', payload: JSON.stringify({ ...posBody(store), name: 'n'.repeat(1_100_000) }) });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: 'payload_too_large', status: 413 });
    });

    // Free text without a pattern: a control character may be refused (400) or kept exactly, the same on both databases.
    type Ctl = { s: TestSeller; store: CreatedStore; pos: CreatedPos };
    const ctl: Array<[string, (c: Ctl, ch: string) => { method: 'POST' | 'PUT' | 'GET'; url: string; payload?: Body; headers?: Record<string, string> }, number]> = [
      ['a seller name', (_c, ch) => ({ method: 'POST', url: '/sandbox/sellers', payload: { site_id: 'MLA', name: `S${ch}1` }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }), 201],
      ['a store name (create)', (c, ch) => ({ method: 'POST', url: `/users/${c.s.user_id}/stores`, payload: storeBody(c.s, { name: `T${ch}1` }) }), 200],
      ['a store name (update)', (c, ch) => ({ method: 'PUT', url: `/users/${c.s.user_id}/stores/${c.store.id}`, payload: { name: `T${ch}1` } }), 200],
      ['a store city', (c, ch) => ({ method: 'POST', url: `/users/${c.s.user_id}/stores`, payload: storeBody(c.s, { location: { ...(storeBody(c.s).location as Body), city_name: `C${ch}1` } }) }), 200],
      ['a POS name (create)', (c, ch) => ({ method: 'POST', url: '/pos', payload: posBody(c.store, { name: `P${ch}1` }) }), 200],
      ['a POS name (update)', (c, ch) => ({ method: 'PUT', url: `/pos/${c.pos.id}`, payload: { name: `P${ch}1` } }), 200],
      ['a store search external_id', (c, ch) => ({ method: 'GET', url: `/users/${c.s.user_id}/stores/search?external_id=A${encodeURIComponent(ch)}1` }), 400],
      ['a POS search external_store_id', (c, ch) => ({ method: 'GET', url: `/pos?external_store_id=A${encodeURIComponent(ch)}1` }), 400],
    ];
    it.each(ctl)('a NUL, BEL or ESC in %s is refused with 400 or accepted, never 500', async (_n, req, okStatus) => {
      const s = await caja.seller('MLA');
      const st = await createStore(caja, s);
      const c = { s, store: st, pos: await createPos(caja, s, st) };
      for (const ch of ['\u0000', '\u0007', '\u001b']) {
        const r = req(c, ch);
        const res = await as(caja, r.headers ? null : s, { method: r.method, url: r.url, ...(r.payload ? { payload: r.payload } : {}), ...(r.headers ? { headers: r.headers } : {}) });
        expect([okStatus, 400], `${JSON.stringify(ch)}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        if (res.statusCode === okStatus && r.method !== 'GET') expect(res.body).toContain(JSON.stringify(`${ch}1`).slice(1, -1));
      }
    });
  });
});
