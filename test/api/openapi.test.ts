import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersOf, BODY_EXAMPLE_KEY, type Answers } from '../../src/http/answers.js';
import { startCaja, type Harness } from '../support/harness.js';
import { bodyProblem, UNDOCUMENTED_FOR_NOW } from '../support/answers.js';
import { as } from '../support/stores-fixtures.js';

/** The OpenAPI document against the routes and the answers caja serves (every other test file checks its own answers on close). */
describe('the OpenAPI document describes every answer', () => {
  let caja: Harness;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { example?: unknown }> }>; requestBody?: { content: Record<string, { example?: unknown }> } }>> };
  const documented = () => [...caja.answers.routes.values()].filter((r) => answersOf(r.schema));
  const oaPath = (url: string) => url.replace(/:([a-z_]+)/g, '{$1}');

  beforeAll(async () => {
    caja = await startCaja();
    doc = (await caja.request({ method: 'GET', url: '/docs/openapi.json' })).json();
  });
  afterAll(async () => caja.close());

  it('documents the Stores, POS and Users routes and the sandbox sellers', () => {
    const keys = documented().map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(expect.arrayContaining(['POST /users/:user_id/stores', 'GET /stores/:id', 'DELETE /users/:user_id/stores/:id', 'GET /pos', 'POST /pos', 'GET /users/me', 'GET /sandbox/sellers']));
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

  it('"Try it out" works with the examples: the documented store and POS bodies are accepted', async () => {
    const s = await caja.seller('MLA');
    const storeOp = doc.paths['/users/{user_id}/stores']!.post!;
    const store = await as(caja, s, { method: 'POST', url: `/users/${s.user_id}/stores`, payload: storeOp.requestBody!.content['application/json']!.example as Record<string, unknown> });
    expect(store.statusCode, store.body).toBe(200);
    const posExample = doc.paths['/pos']!.post!.requestBody!.content['application/json']!.example as Record<string, unknown>;
    const pos = await as(caja, s, { method: 'POST', url: '/pos', payload: { ...posExample, store_id: store.json().id } });
    expect(pos.statusCode, pos.body).toBe(200);
    // The harness saw both answers (and checks them against the document when it closes).
    expect(caja.answers.sent.filter((a) => a.method === 'POST' && (a.route === '/pos' || a.route === '/users/:user_id/stores')).map((a) => a.status)).toEqual([200, 200]);
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
