import { beforeAll, describe, expect, it } from 'vitest';
import { automaticDueAt, isIdle, moveScreen, takeDueAt } from '../../src/domain/terminals/device.js';
import { findTerminal } from '../../src/store/repos/terminals.js';
import { testbed } from '../support/harness.js';
import { as, createTerminal, openShop, type Shop, type TerminalView } from './fixtures.js';

const charge = { kind: 'order' as const, id: 'ORD01JTESTTESTTESTTESTTESTTE', amount: 125000, currency: 'ARS', ticket_number: 'S0392JED', description: 'Cafe' };

/** The phase-2 hooks: the screen moves with a compare-and-set on the terminal, and the API shows it. */
describe('the simulated device: screen persistence', () => {
  const caja = testbed();
  let shop: Shop;
  let t: TerminalView;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    t = await createTerminal(caja, shop);
  });

  const load = async () => (await findTerminal(caja.runtime.ctx.store.db, shop.seller.user_id, t.id))!;

  it('moves the screen in a transaction and GET /sandbox/terminals/{id} shows it', async () => {
    const row = await load();
    expect(isIdle(row)).toBe(true);
    const r = await caja.runtime.ctx.store.transaction((tx) => moveScreen(tx, row, { type: 'show', charge }, 1000));
    expect(r.ok).toBe(true);
    const view = await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${t.id}` });
    expect(view.json().screen).toEqual({ state: 'showing_order', charge, card: null, status_detail: null, ticket: null, since: 1000 });
    expect(isIdle(await load())).toBe(false);
  });

  it('refuses a step the allow-list does not name and changes nothing', async () => {
    const row = await load();
    const r = await caja.runtime.ctx.store.transaction((tx) => moveScreen(tx, row, { type: 'print', ticket: 'x' }, 2000));
    expect(r).toEqual({ ok: false, error: { code: 'screen_refused', state: 'showing_order', event: 'print' } });
    expect((await load()).version).toBe(row.version);
  });

  it('two writers from the same version: one wins, the other is retried on fresh state', async () => {
    const row = await load();
    let attempts = 0;
    let resets = 0;
    const results = await Promise.all([
      // Each writer re-reads on a retry (as every caller does): the loser of either order must see the winner's row.
      caja.runtime.ctx.store.transaction(async (tx) => {
        resets += 1;
        const fresh = resets === 1 ? row : (await findTerminal(tx.ex, shop.seller.user_id, t.id))!;
        return moveScreen(tx, fresh, { type: 'reset' }, 3000);
      }),
      caja.runtime.ctx.store.transaction(async (tx) => {
        attempts += 1;
        const fresh = attempts === 1 ? row : (await findTerminal(tx.ex, shop.seller.user_id, t.id))!;
        return moveScreen(tx, fresh, { type: 'ask_card' }, 3000);
      }),
    ]);
    const final = await load();
    expect(final.version).toBeGreaterThan(row.version);
    // Whichever ran second saw the first's result: reset then ask_card refused (idle takes no
    // ask_card), or ask_card then reset. Either way the stale writer never overwrote the other.
    expect(results[0]!.ok).toBe(true);
    expect(JSON.parse(final.screen).state).toBe('idle');
    expect(attempts).toBeGreaterThanOrEqual(1);
  });

  it('due times from the device settings', async () => {
    await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${t.id}`, payload: { take_delay_ms: 0, automatic: { after_ms: 2500, outcome: 'APRO' } } });
    const row = await load();
    expect(takeDueAt(row, 10_000)).toBe(10_000);
    expect(automaticDueAt(row, 10_000)).toBe(12_500);
    await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${t.id}`, payload: { automatic: null } });
    expect(automaticDueAt(await load(), 10_000)).toBeNull();
  });
});
