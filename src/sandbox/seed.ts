import type { Ctx } from '../context.js';
import { createPos, type PosRow } from '../domain/pos/pos.js';
import { createSeller, type CreatedSeller } from '../domain/sellers/seller.js';
import { createStore } from '../domain/stores/store.js';
import { claimSetting } from '../store/repos/settings.js';
import { countSellers } from '../store/repos/sellers.js';

export interface Seeded {
  created: CreatedSeller;
  pos: PosRow;
}

/**
 * The first start on an empty database creates a demo seller (MLA), a store
 * and a POS. The "seeded" setting is claimed in the same transaction as the
 * seller, so several processes starting together seed once.
 */
export async function seedIfEmpty(ctx: Ctx): Promise<Seeded | undefined> {
  const created = await ctx.store.transaction(async (tx) => {
    if ((await countSellers(tx.ex)) > 0) return undefined;
    if (!(await claimSetting(tx.ex, 'seeded', new Date(ctx.clock.realNow()).toISOString()))) return undefined;
    return createSeller(tx, ctx.clock, { siteId: 'MLA', name: 'Demo Seller' });
  });
  if (!created) return undefined;
  const store = await createStore(ctx, created.seller, {
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
  const pos = await createPos(ctx, created.seller, {
    name: 'Caja 1',
    fixed_amount: true,
    store_id: store.value.id,
    external_store_id: 'DEMOSTORE001',
    external_id: 'DEMOPOS001',
    category: 621102,
  });
  if (!pos.ok) throw new Error(`seed POS: ${pos.error.code}`);
  return { created, pos: pos.value };
}
