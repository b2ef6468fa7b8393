import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { sendLegacyCause } from '../../providers/mercadopago/errors/legacy.js';
import { findQrCode } from '../../store/repos/qr-codes.js';
import { renderScan } from './routes.js';
import { scan } from './wallet.js';

export const QrLinkParams = Type.Object({ token: Type.String({ pattern: '^[0-9A-Za-z-]{8,64}$' }) });

/**
 * The URL inside caja's Mercado Pago-shaped codes (`<public url>/qr/<token>`,
 * like mpago.la's) and Pix locations (`/pix/v2/<token>`): what a phone camera
 * opens. As JSON, what the sandbox wallet would show for that code; the web
 * layer registers the paths and answers browsers with the wallet page.
 */
export async function qrLinkJson(ctx: Ctx, token: string, reply: FastifyReply) {
  const code = await findQrCode(ctx.store.db, token);
  const r = code ? await ctx.store.transaction((tx) => scan(ctx, tx, code.payload)) : undefined;
  if (!code || !r?.ok) return sendLegacyCause(reply, 'not_found', 'unknown_qr', 'This code was not issued by this caja (or its POS was deleted)', 'token');
  return { qr_data: code.payload, ...renderScan(r.value) };
}
