import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { answersOf, BODY_EXAMPLE_KEY, type Answers } from '../../src/http/answers.js';
import { testbed } from '../support/harness.js';
import { bodyProblem, UNDOCUMENTED_FOR_NOW } from '../support/answers.js';
import { as } from '../support/stores-fixtures.js';

/** The OpenAPI document against the routes and the answers caja serves (every other test file checks its own answers on close). */
describe('the OpenAPI document describes every answer', () => {
  const caja = testbed();
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }>; requestBody?: { content: Record<string, { example?: unknown }> } }>> };
  const documented = () => [...caja.answers.routes.values()].filter((r) => answersOf(r.schema));
  const oaPath = (url: string) => url.replace(/:([a-z_]+)/g, '{$1}');

  beforeAll(async () => {
    doc = (await caja.request({ method: 'GET', url: '/docs/openapi.json' })).json();
  });

  it('documents every family: Stores, POS, Users, Orders (QR and Point), Payments, POS v2, merchant_orders, terminals, the legacy QR models, Depay, the QR link and the sandbox', () => {
    const keys = documented().map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /users/:user_id/stores', 'GET /stores/:id', 'DELETE /users/:user_id/stores/:id', 'GET /pos', 'POST /pos', 'GET /users/me', 'GET /sandbox/sellers',
        'POST /v1/orders', 'GET /v1/orders/:order_id', 'POST /v1/orders/:order_id/refund', 'POST /v1/orders/:order_id/events', 'GET /v1/orders',
        'GET /v1/payments/:id', 'POST /v1/payments/:id/refunds', 'POST /v2/pos', 'DELETE /v2/pos/:pos_id', 'GET /merchant_orders/:id', 'GET /terminals/v1/list',
        'POST /mpmobile/instore/qr/:user_id/:external_id', 'PUT /instore/qr/seller/collectors/:user_id/pos/:external_pos_id/orders', 'GET /instore/merchant/qr/:pos_id/:file',
        'POST /depay/v2/qr', 'GET /depay/auth/token', 'GET /qr/:token', 'GET /pix/v2/:token', 'POST /sandbox/wallet/pay', 'PUT /sandbox/sellers/:user_id/mercadopago', 'GET /sandbox/stream',
      ]),
    );
  });

  it('the served document (/docs/json): every route shows a response with a JSON schema, and every example validates against its schema', async () => {
    const served = (await caja.request({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object; example?: unknown }> }>; requestBody?: { content: Record<string, { schema?: object; example?: unknown }> } }>>;
    };
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const routes = [...caja.answers.routes.values()].filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide && !UNDOCUMENTED_FOR_NOW.some((re) => re.test(`${r.method} ${r.url}`)));
    expect(routes.length).toBeGreaterThan(60);
    const problems: string[] = [];
    let examples = 0;
    for (const r of routes) {
      const where = `${r.method} ${r.url}`;
      const op = served.paths[oaPath(r.url)]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${where}: not in the document`);
        continue;
      }
      const responses = Object.entries(op.responses ?? {});
      if (!responses.some(([, res]) => res.content?.['application/json']?.schema)) problems.push(`${where}: no response with a JSON schema`);
      const contents = [...responses.map(([status, res]) => [status, res.content ?? {}] as const), ['request body', op.requestBody?.content ?? {}] as const];
      for (const [status, content] of contents) {
        for (const [type, media] of Object.entries(content)) {
          if (media.example === undefined) continue;
          examples++;
          const validate = ajv.compile(media.schema ?? {});
          if (!validate(media.example)) problems.push(`${where} ${status} ${type}: the example does not validate: ${ajv.errorsText(validate.errors)}`);
        }
      }
      // A JSON answer with a schema carries an example (not strings generated from patterns).
      for (const [status, res] of responses) {
        const json = res.content?.['application/json'];
        if (json?.schema && json.example === undefined) problems.push(`${where} ${status}: a schema without an example`);
      }
    }
    expect(problems).toEqual([]);
    expect(examples).toBeGreaterThan(200);
  });

  it('every route either declares its answers or belongs to a family not documented yet', () => {
    const stray = caja.answers.undocumented().filter((k) => !UNDOCUMENTED_FOR_NOW.some((re) => re.test(k)));
    expect(stray, `routes without declared answers: add answers({...}) to their schema (docs/ARCHITECTURE.md, "Answers"):\n${stray.join('\n')}`).toEqual([]);
  });

  it('the document lists exactly the declared statuses, with examples that validate against their schemas', () => {
    for (const r of documented()) {
      const declared = answersOf(r.schema) as Answers;
      const op = doc.paths[oaPath(r.url)]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url} in the document`).toBeDefined();
      expect(Object.keys(op!.responses).sort(), `${r.method} ${r.url}`).toEqual(Object.keys(declared).sort());
      for (const [status, answer] of Object.entries(declared)) {
        if (answer.schema) {
          expect(answer.example, `${r.method} ${r.url} ${status} has an example`).toBeDefined();
          expect(bodyProblem(answer, answer.example, 'application/json'), `${r.method} ${r.url} ${status} example`).toBeUndefined();
          expect(op!.responses[status]!.content!['application/json']!.example).toEqual(answer.example);
        }
      }
      const bodyExample = r.schema?.[BODY_EXAMPLE_KEY];
      if (bodyExample !== undefined) expect(op!.requestBody!.content['application/json']!.example).toEqual(bodyExample);
    }
  });

  it('"Try it out" works with the examples: the documented store, POS, order, wallet and Depay bodies are accepted', async () => {
    const s = await caja.seller('MLA');
    const storeOp = doc.paths['/users/{user_id}/stores']!.post!;
    const store = await as(caja, s, { method: 'POST', url: `/users/${s.user_id}/stores`, payload: storeOp.requestBody!.content['application/json']!.example as Record<string, unknown> });
    expect(store.statusCode, store.body).toBe(200);
    const posExample = doc.paths['/pos']!.post!.requestBody!.content['application/json']!.example as Record<string, unknown>;
    const pos = await as(caja, s, { method: 'POST', url: '/pos', payload: { ...posExample, store_id: store.json().id } });
    expect(pos.statusCode, pos.body).toBe(200);
    // The harness saw both answers (and checks them against the document when it closes).
    expect(caja.answers.sent.filter((a) => a.method === 'POST' && (a.route === '/pos' || a.route === '/users/:user_id/stores')).map((a) => a.status)).toEqual([200, 200]);
    // The order example goes on that POS; the wallet pays it with the code its POS prints.
    const orderExample = doc.paths['/v1/orders']!.post!.requestBody!.content['application/json']!.example as Record<string, unknown>;
    const order = await as(caja, s, { method: 'POST', url: '/v1/orders', headers: { 'x-idempotency-key': 'try-it-out-1' }, payload: orderExample });
    expect(order.statusCode, order.body).toBe(201);
    const qr = await as(caja, s, { method: 'GET', url: `/sandbox/pos/${pos.json().id}/qr` });
    const paid = await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { ...(doc.paths['/sandbox/wallet/pay']!.post!.requestBody!.content['application/json']!.example as object), qr_data: qr.json().qr_data } });
    expect(paid.statusCode, paid.body).toBe(201);
    // Depay: the token, then seed 004's create body as the document shows it.
    const token = await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': s.depay_api_key } });
    const depay = await caja.request({ method: 'POST', url: '/depay/v2/qr', headers: { authorization: `Bearer ${token.json().accessToken}` }, payload: doc.paths['/depay/v2/qr']!.post!.requestBody!.content['application/json']!.example as Record<string, unknown> });
    expect(depay.statusCode, depay.body).toBe(201);
  });

  it('the check catches an undocumented status and a body that does not match', () => {
    const book = caja.answers;
    const before = book.sent.length;
    book.sent.push({ method: 'GET', route: '/stores/:id', status: 418, contentType: 'application/json', body: {} });
    book.sent.push({ method: 'GET', route: '/stores/:id', status: 200, contentType: 'application/json; charset=utf-8', body: { id: 'x', name: 1 } });
    const problems = book.problems();
    book.sent.splice(before);
    expect(problems).toEqual([
      expect.stringMatching(/^GET \/stores\/:id → 418: status not documented/),
      expect.stringMatching(/^GET \/stores\/:id → 200: body does not match the documented schema: .*id must be number/),
    ]);
  });
});
