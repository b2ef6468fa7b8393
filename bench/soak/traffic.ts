import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { ADMIN, json } from '../lib.js';
import { shop } from '../orders.js';

export type Kind = 'create' | 'get' | 'pay' | 'cancel' | 'refund' | 'depay';

/**
 * The soak's traffic: each scenario creates a dynamic QR order, reads it, then
 * pays it (70%) or cancels it (30%); a fifth of the paid ones are refunded.
 * One Depay QR a second. Webhooks and Depay callbacks go to a local receiver.
 */
export class Traffic {
  readonly latencies = new Map<Kind, number[]>();
  failures = 0;
  lastFailure = '';
  private n = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly mpToken: string,
    private readonly pos: string,
    private readonly depayToken: string,
    private readonly hook: string,
  ) {}

  static async open(url: string, hook: string): Promise<Traffic> {
    const { seller, token, pos } = await shop(url);
    await json(url, 'PUT', `/sandbox/sellers/${seller.user_id}/webhooks`, { token, body: { url: hook, topics: ['order'] } });
    const brazil = await json(url, 'POST', '/sandbox/sellers', { token: ADMIN, body: { site_id: 'MLB' } });
    const auth = await json(url, 'GET', '/depay/auth/token', { headers: { 'x-api-key': brazil.depay_api_key as string } });
    return new Traffic(new Pool(url, { connections: 32 }), token, pos, auth.accessToken as string, hook);
  }

  private async call(kind: Kind, method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<Record<string, any> | undefined> {
    const t0 = performance.now();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-idempotency-key': randomUUID() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await this.pool.request({ method, path, headers, body: body === undefined ? null : JSON.stringify(body) });
      const text = await res.body.text();
      let list = this.latencies.get(kind);
      if (!list) this.latencies.set(kind, (list = []));
      list.push(performance.now() - t0);
      if (res.statusCode >= 300) {
        this.failures++;
        this.lastFailure = `${kind} ${res.statusCode} ${text.slice(0, 200)}`;
        return undefined;
      }
      return text ? (JSON.parse(text) as Record<string, any>) : {};
    } catch (e) {
      this.failures++;
      this.lastFailure = `${kind} ${String(e)}`;
      return undefined;
    }
  }

  /** One order's life. */
  async scenario(): Promise<void> {
    const i = ++this.n;
    const order = await this.call('create', 'POST', '/v1/orders', this.mpToken, {
      type: 'qr',
      external_reference: `soak_${i}`,
      total_amount: '50.00',
      description: 'Soak',
      config: { qr: { external_pos_id: this.pos, mode: 'dynamic' } },
      transactions: { payments: [{ amount: '50.00' }] },
    });
    if (!order) return;
    await this.call('get', 'GET', `/v1/orders/${order.id}`, this.mpToken);
    if (i % 10 < 3) {
      await this.call('cancel', 'POST', `/v1/orders/${order.id}/cancel`, this.mpToken);
      return;
    }
    const paid = await this.call('pay', 'POST', '/sandbox/wallet/pay', this.mpToken, { qr_data: order.type_response?.qr_data });
    if (paid && i % 5 === 0) await this.call('refund', 'POST', `/v1/orders/${order.id}/refund`, this.mpToken);
  }

  async depay(): Promise<void> {
    await this.call('depay', 'POST', '/depay/v2/qr', this.depayToken, {
      local_currency: 'BRL',
      local_country: 'BR',
      qr_from: 'AR',
      amount: 10,
      pos_external_reference: 'SOAKPOS',
      external_reference: `soak_${process.pid}_${++this.n}`,
      notification_url: this.hook,
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
