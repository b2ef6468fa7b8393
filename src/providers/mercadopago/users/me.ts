import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../../context.js';
import { isoMs } from '../../../core/clock.js';
import { cuitFor } from '../../../domain/qr/payloads.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { sellerOf } from '../auth.js';

/** GET /users/me: the fields Mercado Pago returns that caja knows of its test sellers. */
export function userRoutes(_ctx: Ctx) {
  return async (app: FastifyInstance) => {
    app.get('/users/me', { schema: { tags: ['Users'], security: [{ mercadopago: [] }], summary: 'The seller behind the access token' } }, async (req) => {
      const seller = sellerOf(req);
      const site = siteOf(seller.site_id);
      const [first, ...rest] = seller.name.split(' ');
      return {
        id: seller.id,
        nickname: seller.nickname,
        registration_date: isoMs(seller.created_at),
        first_name: first ?? seller.name,
        last_name: rest.join(' '),
        country_id: site.countryId,
        email: seller.email,
        // The same CUIT the seller's QR codes carry (tag 50).
        identification: site.id === 'MLA' ? { type: 'CUIT', number: cuitFor(seller.id) } : { type: null, number: null },
        site_id: site.id,
        user_type: 'normal',
        tags: ['normal', 'test_user'],
        currency_id: site.currency,
        status: { site_status: 'active' },
      };
    });
  };
}
