import { ADMIN, cajaEnv, json, load, receiver, serveCaja, type Load, type Target } from './lib.js';

export interface DepayResult {
  create: Load;
}

/** Depay QR creation (POST /depay/v2/qr) with a bearer token from GET /depay/auth/token. */
export async function benchDepay(target: Target, seconds: number): Promise<DepayResult> {
  const rx = await receiver();
  const caja = await serveCaja(cajaEnv(await target.fresh()));
  try {
    const seller = await json(caja.url, 'POST', '/sandbox/sellers', { token: ADMIN, body: { site_id: 'MLB' } });
    const auth = await json(caja.url, 'GET', '/depay/auth/token', { headers: { 'x-api-key': seller.depay_api_key as string } });
    let n = 0;
    const create = await load({
      url: caja.url,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/depay/v2/qr',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${auth.accessToken}` },
          // A unique external_reference per request: caja refuses a duplicate one (409).
          setupRequest: (r) => ({
            ...r,
            body: JSON.stringify({
              local_currency: 'BRL',
              local_country: 'BR',
              qr_from: 'AR',
              amount: 10,
              pos_external_reference: 'BENCHPOS',
              external_reference: `bench_${process.pid}_${++n}`,
              notification_url: rx.url,
            }),
          }),
        },
      ],
    });
    return { create };
  } finally {
    await caja.stop();
    await rx.close();
  }
}
