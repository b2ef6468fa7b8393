import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../../context.js';
import { uniquely } from '../../../http/transaction.js';
import * as pos from '../../../domain/pos/pos.js';
import type { PosError } from '../../../domain/pos/pos.js';
import { sellerOf } from '../auth.js';
import { sendLegacy, sendLegacyCause } from '../errors/legacy.js';
import { renderPos } from './render.js';
import { PosCreateBody, PosPage, PosParams, PosResponse, PosSearchQuery, PosUpdateBody, POS_BODY_EXAMPLE, POS_EXAMPLE } from './schemas.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { legacyError, legacyErrors } from '../errors/answers.js';

const tags = ['POS'];
const notFound = legacyError(404, 'No such POS of this seller', { code: 'not_found', description: 'POS does not exist', data: null });
const exists = legacyError(409, 'external_id is already used by a POS of this seller', { code: 'point_of_sale_exists', description: 'A pos with the same EXTERNAL-ID already exists', data: 'external_id' });
const security = [{ mercadopago: [] }];

/** Messages from the POS reference; the update endpoint prefixes two codes with POS_. */
function posError(reply: FastifyReply, e: PosError, onUpdate = false) {
  switch (e.code) {
    case 'pos_not_found':
      return sendLegacy(reply, 'not_found', 'POS does not exist');
    case 'store_not_found':
      return sendLegacyCause(reply, 'bad_request', onUpdate ? 'POS_INVALID_STORE_ID' : 'INVALID_STORE_ID', 'The STORE_ID does not refer to any existing store.', 'store_id');
    case 'inexistent_external_store_id':
      return sendLegacyCause(reply, 'bad_request', 'INEXISTENT_EXTERNAL_STORE_ID', 'The EXTERNAL_STORE_ID does not refer to any existing store.', 'external_store_id');
    case 'external_store_id_not_match':
      return sendLegacyCause(reply, 'bad_request', 'EXTERNAL_STORE_ID_NOT_MATCH', 'The EXTERNAL_STORE_ID does not refer to the indicated STORE_ID.', 'external_store_id');
    case 'external_id_used':
      // The current create page names the 409 point_of_sale_exists; the yaml prints only the message.
      return sendLegacyCause(reply, 'conflict', 'point_of_sale_exists', 'A pos with the same EXTERNAL-ID already exists', 'external_id');
    case 'unknown_mcc':
      return sendLegacyCause(reply, 'bad_request', onUpdate ? 'POS_UNKNOWN_MCC' : 'UNKNOWN_MCC', "The CATEGORY must be valid for the user's site.", 'category');
    case 'fixed_amount_false':
      return sendLegacyCause(reply, 'bad_request', 'FIXED_AMOUNT_FALSE', 'If the URL field is indicated, the FIXED_AMOUNT field must be true.', 'fixed_amount');
  }
}

export function posRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const render = (row: pos.PosRow) => renderPos(ctx.config.publicUrl, row);

    app.post('/pos', { schema: { tags, security, summary: 'Create POS', body: PosCreateBody, ...bodyExample(POS_BODY_EXAMPLE), ...answers({ 200: ok(PosResponse, POS_EXAMPLE, 'The POS with its QR image URLs'), ...legacyErrors({ 409: exists }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const r = await uniquely(ctx.store, (tx) => pos.createPos(tx, ctx, seller, { ...req.body, store_id: Number(req.body.store_id) }), { code: 'external_id_used' } as const);
      // The POS reference, like the Stores one, documents 200 for a successful create.
      return r.ok ? reply.code(200).send(render(r.value)) : posError(reply, r.error);
    });

    app.get('/pos/:id', { schema: { tags, security, summary: 'Get POS', params: PosParams, ...answers({ 200: ok(PosResponse, POS_EXAMPLE, 'The POS'), ...legacyErrors({ 404: notFound }) }) } }, async (req, reply) => {
      const row = await pos.getPos(ctx, sellerOf(req), Number(req.params.id));
      return row ? render(row) : posError(reply, { code: 'pos_not_found' });
    });

    app.put('/pos/:id', { schema: { tags, security, summary: 'Update POS', params: PosParams, body: PosUpdateBody, ...bodyExample({ name: 'Caja 2' }), ...answers({ 200: ok(PosResponse, { ...POS_EXAMPLE, name: 'Caja 2' }, 'The POS'), ...legacyErrors({ 404: notFound, 409: exists }) }) } }, async (req, reply) => {
      const { store_id, ...rest } = req.body;
      const patch = store_id === undefined ? rest : { ...rest, store_id: Number(store_id) };
      const seller = sellerOf(req);
      const r = await uniquely(ctx.store, (tx) => pos.updatePos(ctx, tx, seller, Number(req.params.id), patch), { code: 'external_id_used' } as const);
      return r.ok ? render(r.value) : posError(reply, r.error, true);
    });

    app.delete('/pos/:id', { schema: { tags, security, summary: 'Delete POS', params: PosParams, ...answers({ 204: { description: 'Deleted; its printed QR no longer resolves' }, ...legacyErrors({ 404: notFound }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      const r = await ctx.store.transaction((tx) => pos.deletePos(tx, seller, Number(req.params.id)));
      // "This request has no response."
      return r.ok ? reply.code(204).send() : posError(reply, r.error);
    });

    app.get('/pos', { schema: { tags, security, summary: 'Search POS', querystring: PosSearchQuery, ...answers({ 200: ok(PosPage, { paging: { total: 1, offset: 0, limit: 50 }, results: [POS_EXAMPLE] }, 'A page of POS'), ...legacyErrors() }) } }, async (req, reply) => {
      const q = req.query;
      const found = await pos.searchPos(ctx, sellerOf(req), {
        externalId: q.external_id,
        externalStoreId: q.external_store_id,
        storeId: q.store_id === undefined ? undefined : Number(q.store_id),
        category: q.category === undefined ? undefined : Number(q.category),
        limit: q.limit,
        offset: q.offset,
      });
      if (found === 'inexistent_external_store_id') return posError(reply, { code: found });
      return { paging: { total: found.total, offset: q.offset, limit: q.limit }, results: found.rows.map(render) };
    });
  };
}
