import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../../context.js';
import { isoMs } from '../../../core/clock.js';
import { cuitFor } from '../../../domain/qr/payloads.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import { sellerOf } from '../auth.js';
import { answers, ok } from '../../../http/answers.js';
import { legacyErrors } from '../errors/answers.js';
import { Type } from '@sinclair/typebox';

const Me = Type.Object({
  id: Type.Integer(),
  nickname: Type.String(),
  registration_date: Type.String(),
  first_name: Type.String(),
  last_name: Type.String(),
  country_id: Type.String(),
  email: Type.String(),
  identification: Type.Object({ type: Type.Union([Type.String(), Type.Null()]), number: Type.Union([Type.String(), Type.Null()]) }),
  site_id: Type.String(),
  user_type: Type.String(),
  tags: Type.Array(Type.String()),
  currency_id: Type.String(),
  status: Type.Object({ site_status: Type.String() }),
});
const ME_EXAMPLE = {
  id: 1000000001, nickname: 'TESTUSER1000000001', registration_date: '2025-01-15T13:30:00.000Z', first_name: 'Demo', last_name: 'Seller',
  country_id: 'AR', email: 'test_user_1000000001@testuser.com', identification: { type: 'CUIT', number: '20100000001' }, site_id: 'MLA',
  user_type: 'normal', tags: ['normal', 'test_user'], currency_id: 'ARS', status: { site_status: 'active' },
};

/** GET /users/me: the fields Mercado Pago returns that caja knows of its test sellers. */
export function userRoutes(_ctx: Ctx) {
  return async (app: FastifyInstance) => {
    app.get('/users/me', { schema: { tags: ['Users'], security: [{ mercadopago: [] }], summary: 'The seller behind the access token', ...answers({ 200: ok(Me, ME_EXAMPLE, 'The seller'), 401: legacyErrors()[401]! }) } }, async (req) => {
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
