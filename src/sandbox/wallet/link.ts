import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { sendLegacyCause } from '../../providers/mercadopago/errors/legacy.js';
import { findQrCode } from '../../store/repos/qr-codes.js';
import { renderScan } from './routes.js';
import { scan } from './wallet.js';

const Params = Type.Object({ token: Type.String({ pattern: '^[0-9A-Za-z-]{8,64}$' }) });

/**
 * The URL inside caja's Mercado Pago-shaped codes (`<public url>/qr/<token>`,
 * like mpago.la's) and Pix locations (`/pix/v2/<token>`): what a phone camera
 * opens. It answers what the sandbox wallet would show for that code.
 */
export function qrLinkRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const handler = async (req: { params: { token: string } }, reply: Parameters<typeof sendLegacyCause>[0]) => {
      const code = await findQrCode(ctx.store.db, req.params.token);
      const r = code ? await ctx.store.transaction((tx) => scan(ctx, tx, code.payload)) : undefined;
      if (!code || !r?.ok) return sendLegacyCause(reply, 'not_found', 'unknown_qr', 'This code was not issued by this caja (or its POS was deleted)', 'token');
      return { qr_data: code.payload, ...renderScan(r.value) };
    };
    app.get('/qr/:token', { schema: { tags: ['Sandbox'], summary: "What the URL inside a caja QR leads to: the wallet's view of the code", params: Params } }, handler);
    app.get('/pix/v2/:token', { schema: { tags: ['Sandbox'], summary: 'The location inside a caja dynamic Pix code', params: Params } }, handler);
  };
}
