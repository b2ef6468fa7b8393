import { describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { testDialect } from '../support/database.js';

describe('health and docs', () => {
  const caja = testbed();

  it('answers 200 with the database in use', async () => {
    const res = await caja.request({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testDialect });
  });

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await caja.request({ method: 'GET', url: '/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/pos', '/pos/{id}', '/users/{user_id}/stores', '/sandbox/sellers']));
    expect(doc.paths['/pos'].post.requestBody.content['application/json'].schema.properties.external_id.maxLength).toBe(40);
  });

  it('serves the interactive docs page', async () => {
    const res = await caja.request({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(res.statusCode);
    const page = res.statusCode === 302 ? await caja.request({ method: 'GET', url: res.headers.location as string }) : res;
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  // The docs are built on their first request (src/http/docs.ts) and answered by the plugins' own routes.
  it("answers every docs path as the plugins do: assets with their types, HEAD with GET's length, a redirect without a body, caja's 404 for a missing asset", async () => {
    const ui = await caja.request({ method: 'GET', url: '/docs/static/swagger-ui.css' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/css/);
    const head = await caja.request({ method: 'HEAD', url: '/docs/json' });
    const json = await caja.request({ method: 'GET', url: '/docs/json' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(json.body)));
    expect(json.json()).toEqual((await caja.request({ method: 'GET', url: '/docs/openapi.json' })).json());
    const redirect = await caja.request({ method: 'GET', url: '/docs/static/index.html' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/docs/');
    expect(redirect.headers['content-type']).toBeUndefined();
    const missing = await caja.request({ method: 'GET', url: '/docs/static/missing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'Route GET:/docs/static/missing.js not found', error: 'not_found', status: 404, cause: [] });
  });

  it('GET / is the dashboard, which links the docs', async () => {
    const res = await caja.request({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('/docs');
  });

  it.each([
    ['PUT', '/v1/payments/123'],
    ['POST', '/v1/payments'],
    ['DELETE', '/merchant_orders/1'],
    ['GET', '/v1/chargebacks/1'],
    ['GET', '/instore/unknown'],
    ['GET', '/mpmobile/unknown'],
    ['GET', '/v1/customers/search'],
    ['POST', '/preapproval'],
    ['POST', '/checkout/preferences'],
    ['GET', '/point/integration-api/unknown'],
  ] as const)('%s %s, a Mercado Pago endpoint caja does not serve, answers 501 not_implemented_in_caja', async (method, url) => {
    const res = await caja.request({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
    expect(res.statusCode).toBe(501);
    const body = res.json();
    expect(body).toMatchObject({ error: 'not_implemented', status: 501, cause: [{ code: 'not_implemented_in_caja', data: 'README.md#limits' }] });
    expect(body.message).toContain(url.split('?')[0]);
    expect(body.message).toMatch(/README's Limits/);
  });

  it('answers unknown routes with a 404 in the legacy envelope', async () => {
    const res = await caja.request({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found', status: 404 });
  });
});
