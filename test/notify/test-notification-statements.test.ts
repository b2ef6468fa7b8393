import { describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { testbed } from '../support/harness.js';
import { advance, configureWebhooks, sendTestNotification } from '../support/notify.js';
import { recorded } from '../support/statements.js';

const authenticating = (texts: string[]) => texts.filter((t) => t.includes('"credentials"'));

// A test notification reads its seller inside its own transaction (auth.ts sellerInRead), so on
// PostgreSQL, once the process has seen the token, the whole command is one statement: the event
// and its delivery, with checks of the remembered seller and webhook configuration
// (store/verified-reads.ts). The bench's notification load is made of these (PERFORMANCE.md).
describe('the statements of a test notification', () => {
  // No background loops: only the requests' own statements are counted.
  const caja = testbed({ workers: false });

  it('reads the token\'s seller in its transaction; on PostgreSQL a warm one is one statement and one round trip', async () => {
    const s = await caja.seller('MLA');
    await configureWebhooks(caja, s, { url: 'http://127.0.0.1:9/hook', topics: ['order'] });
    const body = { topic: 'order', data_id: 'ORD01KSTATEMENTS00000000000A' };
    const first = await recorded(() => sendTestNotification(caja, s, body));
    const begin = first.texts.findIndex((x) => /^(begin|savepoint)/i.test(x));
    expect(begin).toBeGreaterThanOrEqual(0);
    const auth = authenticating(first.texts);
    // requireSeller's first sight of the token (before the body is read), then the transaction's own read.
    expect(auth.length).toBeGreaterThanOrEqual(1);
    expect(first.texts.lastIndexOf(auth.at(-1)!)).toBeGreaterThan(begin);
    const warm = await recorded(() => sendTestNotification(caja, s, body));
    expect(warm.value.deliveries).toHaveLength(1);
    if (testDialect === 'postgres') {
      expect(warm.texts).toHaveLength(1);
      expect(warm.texts[0]).toMatch(/^with "c0" as \(select cast\(case when exists \(select 1 from \(select "sellers"\.\*.*"credentials"/);
      expect(warm.texts[0]).toMatch(/insert into "deliveries" .* returning \(select ok from "c0"\) \+ \(select ok from "c1"\)$/);
      expect(warm.writes).toBe(1);
    } else {
      // SQLite reads every time, inside the transaction, and nothing before it.
      const warmBegin = warm.texts.findIndex((x) => /^(begin|savepoint)/i.test(x));
      const warmAuth = authenticating(warm.texts);
      expect(warmAuth).toHaveLength(1);
      expect(warm.texts.indexOf(warmAuth[0]!)).toBeGreaterThan(warmBegin);
    }
  });

  it('a seller changed since its remembered read (the test clock moved) is read again: the event carries the new time', async () => {
    const s = await caja.seller('MLA');
    await configureWebhooks(caja, s, { url: 'http://127.0.0.1:9/hook', topics: ['order'] });
    const body = { topic: 'order', data_id: 'ORD01KSTATEMENTS00000000000B' };
    await sendTestNotification(caja, s, body);
    await sendTestNotification(caja, s, body);
    await advance(caja, s, 86_400);
    const before = Date.now();
    const sent = await sendTestNotification(caja, s, body);
    const events = await caja.runtime.ctx.store.db.selectFrom('events').select('created_at').where('id', '=', sent.event_id).execute();
    expect(events).toHaveLength(1);
    // The event's time is the seller's clock: a day ahead of the real one.
    expect(events[0]!.created_at).toBeGreaterThanOrEqual(before + 86_400_000);
  });

  it('a token no seller holds is refused before the body is read, and nothing is stored', async () => {
    const events = () => caja.runtime.ctx.store.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const before = Number((await events()).n);
    const res = await caja.request({ method: 'POST', url: '/sandbox/notifications/test', headers: { authorization: 'Bearer APP_USR-nobody' }, payload: { topic: 'order', data_id: 'X' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ status: 401, error: 'unauthorized' });
    expect(Number((await events()).n)).toBe(before);
  });
});
