import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { createPosV2, deletePosV2, type PosV2Error } from '../../../domain/pos/pos-v2.js';
import type { PosRow } from '../../../domain/pos/pos.js';
import { findQrCode } from '../../../store/repos/qr-codes.js';
import type { HttpOutcome } from '../../../http/idempotency.js';
import { MAX_SAFE_ID, Text } from '../../../http/types.js';
import { sellerOf } from '../auth.js';
import { posQrUrls } from '../pos/render.js';
import { posV2Body, type PosV2Code } from './errors.js';
import { withPosV2Key } from './idempotency.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { POS_V2_EXAMPLE, PosV2Object, posV2Errors, posV2NotFound } from './answers.js';

const tags = ['POS v2'];
const security = [{ mercadopago: [] }];

const CreateBody = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 44 })),
    store_id: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: MAX_SAFE_ID }), Type.String({ pattern: '^[0-9]{1,15}$' })])),
    external_store_id: Type.Optional(Text({ minLength: 1, maxLength: 60 })),
    external_id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,40}$' })),
  },
  { additionalProperties: false },
);
const Params = Type.Object({ pos_id: Type.String({ pattern: '^[0-9]{1,15}$' }) });

const fail = (code: PosV2Code, message: string): HttpOutcome => ({ status: 400, body: posV2Body(code, message) });
const EXTERNAL_ID_USED = fail('bad_request', 'a POS with the same external_id already exists');

function outcomeOf(e: PosV2Error): HttpOutcome {
  switch (e.code) {
    case 'pos_not_found':
      return { status: 404, body: posV2Body('pos_not_found', 'POS not found') };
    case 'not_yours':
      return fail('bad_request', 'the POS does not belong to the caller');
    case 'store_required':
      return fail('bad_request', 'store_id or external_store_id is required');
    case 'store_not_found':
      return fail('bad_request', 'store_id does not refer to any store of the caller');
    case 'inexistent_external_store_id':
      return fail('bad_request', 'external_store_id does not refer to any store of the caller');
    case 'external_store_id_not_match':
      return fail('bad_request', 'external_store_id does not refer to the store of store_id');
    case 'store_without_external_id':
      return fail('bad_request', 'the store has no external_id; set one before adding POS');
    case 'external_id_used':
      return EXTERNAL_ID_USED;
    case 'unknown_mcc':
    case 'fixed_amount_false':
      return fail('bad_request', e.code);
  }
}

/** No milliseconds in v2 dates ("2024-01-15T10:30:00Z"). */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function render(publicUrl: string, row: PosRow, qrCode: string) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    date_created: isoSeconds(row.date_created),
    date_last_updated: isoSeconds(row.date_last_updated),
    user_id: row.seller_id,
    store_id: String(row.store_id),
    external_store_id: row.external_store_id,
    external_id: row.external_id,
    qr_response: { uuid: row.uuid, ...posQrUrls(publicUrl, row), qr_code: qrCode },
  };
}

/** POS v2 (supplement §3): create and delete, both behind X-Idempotency-Key. */
export function posV2Routes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/v2/pos', {
      schema: {
        tags, security, summary: 'Create POS (v2)', body: CreateBody, ...bodyExample({ name: 'POS-001', external_store_id: 'SUC001', external_id: 'SUC001POS001' }),
        ...answers({ 201: ok(PosV2Object, POS_V2_EXAMPLE, 'The POS and its QR (qr_response)'), ...posV2Errors('A field refused, no store given, or a store that is not the caller\'s') }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const b = req.body;
      return withPosV2Key(ctx, req, reply, seller, async (tx) => {
        const r = await createPosV2(tx, ctx, seller, { ...b, store_id: b.store_id === undefined ? undefined : Number(b.store_id) });
        if (!r.ok) return outcomeOf(r.error);
        const qr = await findQrCode(tx.ex, r.value.qr_token);
        return { status: 201, body: render(ctx.config.publicUrl, r.value, qr?.payload ?? '') };
      }, EXTERNAL_ID_USED);
    });

    app.delete('/v2/pos/:pos_id', {
      schema: {
        tags, security, summary: 'Delete POS (v2)', params: Params,
        ...answers({
          200: { description: 'A replay of the same X-Idempotency-Key (supplement §3)' },
          204: { description: 'Deleted' },
          ...posV2Errors('resource_bad_request_error for a bad id; bad_request for a POS that is not the caller\'s'),
          404: posV2NotFound,
        }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = Number(req.params.pos_id);
      return withPosV2Key(ctx, req, reply, seller, async (tx) => {
        const r = await deletePosV2(tx, seller, id);
        return r.ok ? { status: 204, body: null } : outcomeOf(r.error);
      }, EXTERNAL_ID_USED);
    });
  };
}
