import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { posByUuid, posQr } from '../../../domain/pos/pos.js';
import { renderCardPdf, renderCardPng, renderQrPng, renderQrSvg } from '../../../core/qr/index.js';
import { sendLegacy } from '../errors/legacy.js';
import { answers } from '../../../http/answers.js';
import { legacyError } from '../errors/answers.js';

const Params = Type.Object({
  pos_id: Type.String({ pattern: '^[0-9]{1,15}$' }),
  file: Type.String({ pattern: '^(template_)?[0-9a-f]{64}\\.(png|svg|pdf)$' }),
});

const MEDIA = { png: 'image/png', svg: 'image/svg+xml', pdf: 'application/pdf' } as const;

/**
 * The POS QR images, public like Mercado Pago's: whoever holds the URL (with
 * the POS's 64-hex uuid) can print the code. `<uuid>.png` and `<uuid>.svg` are
 * the bare symbol; `template_<uuid>.png|pdf` the printable card.
 */
export function qrImageRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/instore/merchant/qr/:pos_id/:file', {
      schema: {
        tags: ['POS'], summary: 'POS QR image (PNG, SVG) or printable card (PNG, PDF)', params: Params,
        ...answers({
          200: { description: '<uuid>.png or .svg: the symbol; template_<uuid>.png or .pdf: the printable card', contentType: Object.values(MEDIA) },
          400: legacyError(400, 'A pos_id or file name of the wrong form', { code: 'bad_request', description: 'file must match pattern', data: 'file' }),
          404: legacyError(404, 'No such POS image', { code: 'not_found', description: 'QR not found', data: null }),
        }),
      },
    }, async (req, reply) => {
      const m = /^(template_)?([0-9a-f]{64})\.(png|svg|pdf)$/.exec(req.params.file)!;
      const [, template, uuid, ext] = m as unknown as [string, string | undefined, string, keyof typeof MEDIA];
      const row = await posByUuid(ctx, Number(req.params.pos_id), uuid);
      const qr = row && (await posQr(ctx, row));
      if (!qr || (template && ext === 'svg') || (!template && ext === 'pdf')) return sendLegacy(reply, 'not_found', 'QR not found');
      const card = { payload: qr.payload, title: qr.storeName, subtitle: qr.pos.name, footer: `POS ${qr.pos.external_id}` };
      const body = template
        ? ext === 'pdf'
          ? await renderCardPdf(card)
          : await renderCardPng(card)
        : ext === 'svg'
          ? await renderQrSvg(qr.payload)
          : await renderQrPng(qr.payload);
      // The payload of a POS never changes, so its images never do.
      return reply.type(MEDIA[ext]).header('cache-control', 'public, max-age=86400, immutable').send(body);
    });
  };
}
