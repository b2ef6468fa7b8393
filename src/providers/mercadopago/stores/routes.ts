import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../../context.js';
import { uniquely } from '../../../http/transaction.js';
import * as stores from '../../../domain/stores/store.js';
import type { StoreError } from '../../../domain/stores/store.js';
import { ownsUserId as ownsUser, sellerOf } from '../auth.js';
import { sendLegacy, sendLegacyCause } from '../errors/legacy.js';
import { renderStore } from './render.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { legacyError, legacyErrors } from '../errors/answers.js';
import {
  STORE_BODY_EXAMPLE,
  STORE_EXAMPLE,
  STORE_GET_EXAMPLE,
  STORE_UPDATE_EXAMPLE,
  StoreDeleted,
  StorePage,
  StoreResponse,
  StoreCreateBody,
  StoreParams,
  StoreSearchQuery,
  StoreUpdateBody,
  UserParams,
  UserStoreParams,
} from './schemas.js';

const tags = ['Stores'];
const notFound = legacyError(404, 'No such store of this seller', { code: 'not_found', description: 'Store not found', data: null });
const otherUser = legacyError(404, 'user_id is not the caller', { code: 'INVALID_USER_ID', description: 'user_id does not match the access token', data: 'user_id' });
const security = [{ mercadopago: [] }];

function storeError(reply: FastifyReply, e: StoreError) {
  switch (e.code) {
    case 'store_not_found':
      return sendLegacy(reply, 'not_found', 'Store not found');
    case 'external_id_used':
      // The reference lists this as 400 VALIDATION_ERROR "External_id-already-used-".
      return sendLegacyCause(reply, 'bad_request', 'VALIDATION_ERROR', `External_id-already-used-${e.externalId}`, 'external_id');
    case 'coordinates_outside_site':
      return sendLegacyCause(reply, 'bad_request', 'bad_request', 'The store coordinates are outside the site', 'location');
    case 'invalid_business_hours':
      return sendLegacyCause(reply, 'bad_request', 'INVALID_DAY', `business_hours.${e.day} has a range that does not open before it closes`, `business_hours.${e.day}`);
  }
}

export function storeRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/users/:user_id/stores', { schema: { tags, security, summary: 'Create store', params: UserParams, body: StoreCreateBody, ...bodyExample(STORE_BODY_EXAMPLE), ...answers({ 200: ok(StoreResponse, STORE_EXAMPLE, 'The store'), ...legacyErrors({ 404: otherUser }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!ownsUser(seller, req.params.user_id, reply)) return reply;
      const used = { code: 'external_id_used', externalId: req.body.external_id ?? '' } as const;
      const r = await uniquely(ctx.store, (tx) => stores.createStore(ctx, tx, seller, req.body), used);
      // The Stores reference: "A status 200 indicates that the request has been successfully processed."
      return r.ok ? reply.code(200).send(renderStore(r.value)) : storeError(reply, r.error);
    });

    app.get('/stores/:id', { schema: { tags, security, summary: 'Get store', params: StoreParams, ...answers({ 200: ok(StoreResponse, STORE_GET_EXAMPLE, 'The store (date_creation, sic)'), ...legacyErrors({ 404: notFound }) }) } }, async (req, reply) => {
      const row = await stores.getStore(ctx, sellerOf(req), Number(req.params.id));
      return row ? renderStore(row, 'date_creation') : storeError(reply, { code: 'store_not_found' });
    });

    app.put('/users/:user_id/stores/:id', { schema: { tags, security, summary: 'Update store', params: UserStoreParams, body: StoreUpdateBody, ...bodyExample({ name: 'Panaderia Norte II' }), ...answers({ 200: ok(StoreResponse, STORE_UPDATE_EXAMPLE, 'The store, with date_creation and date_created'), ...legacyErrors({ 404: notFound }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!ownsUser(seller, req.params.user_id, reply)) return reply;
      const used = { code: 'external_id_used', externalId: req.body.external_id ?? '' } as const;
      const r = await uniquely(ctx.store, (tx) => stores.updateStore(ctx, tx, seller, Number(req.params.id), req.body), used);
      // The update page prints both date_creation and date_created (supplement §9).
      return r.ok ? renderStore(r.value, 'both') : storeError(reply, r.error);
    });

    app.delete('/users/:user_id/stores/:id', { schema: { tags, security, summary: 'Delete store', description: 'Its POS stay, unlinked (store_id and external_store_id null); their QR keeps working.', params: UserStoreParams, ...answers({ 200: ok(StoreDeleted, { store: 41000001, user: 1000000001 }, 'Deleted'), ...legacyErrors({ 404: notFound }) }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!ownsUser(seller, req.params.user_id, reply)) return reply;
      const r = await ctx.store.transaction((tx) => stores.deleteStore(tx, seller, Number(req.params.id)));
      // The delete page (supplement §9): 200 {"store":<id>,"user":<user_id>}.
      return r.ok ? reply.code(200).send({ store: r.value.id, user: seller.id }) : storeError(reply, r.error);
    });

    app.get('/users/:user_id/stores/search', { schema: { tags, security, summary: 'Search stores', params: UserParams, querystring: StoreSearchQuery, ...answers({
      200: ok(StorePage, { paging: { total: 1, offset: 0, limit: 50 }, results: [STORE_GET_EXAMPLE] }, 'A page of stores (date_creation, sic)'),
      ...legacyErrors({ 404: legacyError(404, 'Nothing matches (or user_id is not the caller)', { code: 'store_not_found', description: 'No store matches the search', data: 'external_id' }) }),
    }) } }, async (req, reply) => {
      const seller = sellerOf(req);
      if (!ownsUser(seller, req.params.user_id, reply)) return reply;
      const { limit, offset, external_id } = req.query;
      const found = await stores.searchStores(ctx, seller, { externalId: external_id, limit, offset });
      // Nothing matching is a 404 store_not_found (supplement §9); a page past the end of a match is empty.
      if (found.total === 0) return sendLegacyCause(reply, 'not_found', 'store_not_found', 'No store matches the search', external_id === undefined ? null : 'external_id');
      // Search results print date_creation (sic), like GET /stores/{id}.
      return { paging: { total: found.total, offset, limit }, results: found.rows.map((r) => renderStore(r, 'date_creation')) };
    });
  };
}
