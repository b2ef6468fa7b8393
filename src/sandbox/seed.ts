import type { Ctx } from '../context.js';
import { createPos, type PosRow } from '../domain/pos/pos.js';
import { createSeller, type CreatedSeller } from '../domain/sellers/seller.js';
import { createStore } from '../domain/stores/store.js';
import { createTerminal, setOperatingMode, type TerminalRow } from '../domain/terminals/terminal.js';
import { claimSetting } from '../store/repos/settings.js';
import { countSellers } from '../store/repos/sellers.js';

export interface Seeded {
  created: CreatedSeller;
  pos: PosRow;
  terminal: TerminalRow;
}

/**
 * The first start on an empty database creates a demo seller (MLA), a store,
 * a POS and a Point terminal on it. A new terminal is STANDALONE until the
 * integrator sets it up; the demo's is switched to PDV so it takes orders at once. The "seeded" setting is claimed in the same transaction as the
 * seller, so several processes starting together seed once.
 */
export async function seedIfEmpty(ctx: Ctx): Promise<Seeded | undefined> {
  // One transaction: several processes starting together seed once, and a failure leaves nothing half made.
  const seeded = await ctx.store.transaction(async (tx) => {
    if ((await countSellers(tx.ex)) > 0) return undefined;
    if (!(await claimSetting(tx.ex, 'seeded', new Date(ctx.clock.realNow()).toISOString()))) return undefined;
    const created = await createSeller(tx, ctx.clock, { siteId: 'MLA', name: 'Demo Seller' });
    const store = await createStore(ctx, tx, created.seller, {
      name: 'Tienda Demo',
      external_id: 'DEMOSTORE001',
      location: {
        street_number: '1234',
        street_name: 'Av. Corrientes',
        city_name: 'CABA',
        state_name: 'Capital Federal',
        latitude: -34.6037,
        longitude: -58.3816,
        reference: 'Demo store created by caja',
      },
    });
    if (!store.ok) throw new Error(`seed store: ${store.error.code}`);
    const pos = await createPos(tx, ctx, created.seller, {
      name: 'Caja 1',
      fixed_amount: true,
      store_id: store.value.id,
      external_store_id: 'DEMOSTORE001',
      external_id: 'DEMOPOS001',
      category: 621102,
    });
    if (!pos.ok) throw new Error(`seed POS: ${pos.error.code}`);
    const made = await createTerminal(tx, ctx, created.seller, { pos_id: pos.value.id, model: 'NEWLAND_N950' });
    const terminal = made.ok ? await setOperatingMode(tx, ctx, created.seller, made.value.id, 'PDV') : made;
    if (!terminal.ok) throw new Error(`seed terminal: ${terminal.error.code}`);
    return { created, store, pos, terminal };
  });
  if (!seeded) return undefined;
  const { created, store, pos, terminal } = seeded;
  return { created, pos: pos.value, terminal: terminal.value };
}
