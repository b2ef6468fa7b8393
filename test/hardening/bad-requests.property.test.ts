import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testbed } from '../support/harness.js';
import { created, shop, type Shop } from '../support/orders-fixtures.js';
import { badContentType, badString, rawBody, shaped, type Operation, type Schema } from './bad-values.js';

/**
 * Issue 12's proof: bad requests generated for every operation of caja's own OpenAPI document (wrong types, missing
 * and unknown fields, huge and deeply nested values, control characters, bad encodings, wrong content types). Never a
 * 5xx, every answer within a time and a size bound, and no row written by a refused request. Seeded: a failure prints
 * its seed and path; replay with CAJA_FUZZ_SEED (and CAJA_FUZZ_RUNS for more).
 */
const SEED = Number(process.env.CAJA_FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.CAJA_FUZZ_RUNS ?? 300);
const TIME_BOUND_MS = 2_000;
const ERROR_SIZE_BOUND = 16 * 1024;
const ANSWER_SIZE_BOUND = 512 * 1024;

describe(`bad requests against every operation of the OpenAPI document (seed ${SEED}, ${RUNS} runs)`, () => {
  const caja = testbed({ workers: false });
  let s: Shop;
  let ops: Operation[];
  let depayToken: string;
  let orderId: string;
  let countRows: () => Promise<string>;

  beforeAll(async () => {
    s = await shop(caja, 'MLA');
    orderId = (await created(caja, s.seller, s.body())).id;
    depayToken = (await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': s.seller.depay_api_key } })).json().accessToken;
    const doc = (await caja.request({ method: 'GET', url: '/docs/openapi.json' })).json() as { paths: Record<string, Record<string, Record<string, any>>> };
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        security: (op.security?.[0] ? Object.keys(op.security[0])[0] : undefined) as string | undefined,
        params: (op.parameters ?? []) as Array<{ in: string; name: string; schema?: Schema }>,
        body: op.requestBody?.content?.['application/json']?.schema as Schema | undefined,
      })),
    );
    const db = caja.runtime.ctx.store.db;
    const tables =
      caja.runtime.ctx.store.dialect === 'sqlite'
        ? (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(db)).rows.map((r) => r.name);
    const query = sql.raw(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`);
    countRows = async () => JSON.stringify((await query.execute(db)).rows[0]);
  }, 60_000);

  it('covers every operation the document lists', () => {
    expect(ops.length).toBeGreaterThan(40);
  });

  it('no 5xx, bounded answers, nothing stored by a refused request', async () => {
    const known = (name: string, path: string): string => {
      if (name === 'user_id') return String(s.seller.user_id);
      if (name === 'order_id') return path.startsWith('/v1/') ? orderId : '6f9619ff-8b86-d011-b42d-00cf4fc964ff';
      if (name === 'pos_id') return String(s.pos.id);
      if (name === 'id') return String(path.includes('pos') ? s.pos.id : s.store.id);
      if (name === 'base') return 'USD';
      if (name === 'target') return 'BRL';
      return 'x';
    };
    const request = fc.constantFrom(...ops).chain((op) => fc.record({
      op: fc.constant(op),
      body: fc.oneof({ weight: 4, arbitrary: shaped(op.body).map((v) => JSON.stringify(v) ?? 'null') }, { weight: 1, arbitrary: rawBody() }),
      pathBad: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      pathValue: badString(),
      query: fc.dictionary(fc.constantFrom('limit', 'offset', 'external_id', 'status', 'begin_date', 'page', 'precision', 'format', 'sort_by', 'zz'), badString(), { maxKeys: 3 }),
      withBody: fc.boolean(),
      contentType: badContentType(),
      auth: fc.constantFrom('right', 'right', 'right', 'right', 'wrong', 'none'),
      key: fc.oneof(fc.uuid(), badString()),
    }));
    // A counterexample can hold 200 KB strings: the report keeps its head (seed and path come first).
    await fc.assert(
      fc.asyncProperty(request, fc.context(), async (r, log) => {
        let i = 0;
        const url = r.op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(r.pathBad[i++ % 3] ? r.pathValue : known(name, r.op.path)));
        const qs = new URLSearchParams(Object.entries(r.query)).toString();
        const token = r.op.security === 'admin' ? ADMIN_TOKEN : r.op.security === 'depay' ? depayToken : s.seller.access_token;
        const headers: Record<string, string> = { 'x-idempotency-key': r.key.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) || 'k' };
        if (r.auth === 'right') headers.authorization = `Bearer ${token}`;
        if (r.auth === 'wrong') headers.authorization = 'Bearer APP_USR-nope';
        if (r.op.path === '/depay/auth/token') headers['x-api-key'] = r.auth === 'right' ? s.seller.depay_api_key : 'nope';
        const payload = r.withBody || r.op.body ? r.body : undefined;
        if (payload !== undefined && r.contentType !== undefined) headers['content-type'] = r.contentType;
        log.log(`${r.op.method} ${url}${qs ? `?${qs}` : ''} ${JSON.stringify(headers)} ${payload === undefined ? '' : String(payload).slice(0, 300).replace(/[\u0000-\u001f]/g, '?')}`);

        const before = await countRows();
        const t = performance.now();
        const res = await caja.request({ method: r.op.method as 'GET', url: `${url}${qs ? `?${qs}` : ''}`, headers, ...(payload !== undefined ? { payload } : {}) });
        const ms = performance.now() - t;
        log.log(`→ ${res.statusCode} ${ms.toFixed(0)} ms ${res.rawPayload.length} bytes ${res.body.slice(0, 300)}`);
        // The one 5xx caja means: 501 for a Mercado Pago path it does not serve (a method or path no route has).
        const unserved = res.statusCode === 501 && (res.json() as { cause?: Array<{ code: string }> }).cause?.[0]?.code === 'not_implemented_in_caja';
        if (!unserved) expect(res.statusCode, res.body.slice(0, 500)).toBeLessThan(500);
        expect(ms).toBeLessThan(TIME_BOUND_MS);
        expect(res.rawPayload.length).toBeLessThan(res.statusCode >= 400 ? ERROR_SIZE_BOUND : ANSWER_SIZE_BOUND);
        if (res.statusCode >= 400) expect(await countRows(), 'a refused request wrote rows').toBe(before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    ).catch((e: Error) => {
      throw new Error(e.message.replace(/(.)\1{200,}/g, (m) => `${m.slice(0, 20)}…(${m.length} characters)`).slice(0, 6_000));
    });
  }, 120_000);
});
