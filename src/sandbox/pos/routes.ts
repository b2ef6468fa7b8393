import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { getPos, posQr } from '../../domain/pos/pos.js';
import { sellerOf } from '../../providers/mercadopago/auth.js';
import { sendLegacy } from '../../providers/mercadopago/errors/legacy.js';
import { posQrUrls } from '../../providers/mercadopago/pos/render.js';
import { answers, ok } from '../../http/answers.js';
import { notFound, POS_QR_EXAMPLE, PosQr, sellerReadErrors } from '../answers.js';

const Params = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) });

/**
 * The text inside a POS's printed QR, so tests and scripts can "scan" it with
 * the sandbox wallet without decoding an image. Mercado Pago has no such call.
 */
export function sandboxPosRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/pos/:id/qr', { schema: { tags: ['Sandbox'], security: [{ mercadopago: [] }], summary: "A POS's static QR payload and images", params: Params, ...answers({ 200: ok(PosQr, POS_QR_EXAMPLE, 'The text inside the printed QR and its image URLs'), ...sellerReadErrors({ 404: notFound('No such POS of this seller') }) }) } }, async (req, reply) => {
      const row = await getPos(ctx, sellerOf(req), Number(req.params.id));
      const qr = row && (await posQr(ctx, row));
      if (!row || !qr) return sendLegacy(reply, 'not_found', 'POS does not exist');
      const urls = posQrUrls(ctx.config.publicUrl, row);
      return { pos_id: row.id, external_id: row.external_id, qr_data: qr.payload, ...urls, svg: urls.image.replace(/\.png$/, '.svg') };
    });
  };
}
