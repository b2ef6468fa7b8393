import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../../context.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { legacyError, legacyErrors, legacyReadErrors } from '../errors/answers.js';
import { guardPdv, listTerminals, setOperatingMode, type TerminalError, type TerminalView } from '../../../domain/terminals/terminal.js';
import { sellerOf } from '../auth.js';
import { OperatingMode, TerminalId, TerminalListQuery } from '../terminals/schemas.js';

const tags = ['Point (legacy)'];
const security = [{ mercadopago: [] }];

const DeviceParams = Type.Object({ device_id: TerminalId });
const DeviceBody = Type.Object({ operating_mode: OperatingMode }, { additionalProperties: false });
// Paging and filters as the SDK sends them (reference §3.2, §8.1); no bounds are documented, so /terminals/v1/list's.
const DeviceQuery = TerminalListQuery;

// The answers as reference §3.2 prints them (store_id a number here, unlike /terminals/v1/list).
const Mode = Type.Union([Type.Literal('PDV'), Type.Literal('STANDALONE'), Type.Literal('UNDEFINED')]);
const Device = Type.Object({ id: Type.String(), pos_id: Type.Integer(), store_id: Type.Integer(), external_pos_id: Type.String(), operating_mode: Mode });
const DevicePage = Type.Object({ devices: Type.Array(Device), paging: Type.Object({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }) });
const DEVICE_PAGE_EXAMPLE = { devices: [{ id: 'NEWLAND_N950__SBX0000001', pos_id: 47792476, store_id: 47792478, external_pos_id: 'SUC0101POS', operating_mode: 'PDV' }], paging: { total: 1, offset: 0, limit: 50 } };
const listAnswers = answers({ 200: ok(DevicePage, DEVICE_PAGE_EXAMPLE, 'The seller\'s devices'), ...legacyReadErrors() });
const modeAnswers = answers({
  200: ok(Type.Object({ operating_mode: Mode }), { operating_mode: 'PDV' }, 'The mode set'),
  ...legacyErrors({
    403: legacyError(403, "The device's POS no longer exists (store_pos_not_found)"),
    404: legacyError(404, 'No such device of the seller (not_found)'),
    412: legacyError(412, 'Another device of the POS is in PDV mode (precondition_failed)'),
  }),
});

/** The legacy envelope {message, error, status, cause}, with the statuses this API uses (412 included). */
function sendPoint(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ message, error, status, cause: [] });
}

function deviceError(reply: FastifyReply, e: TerminalError, id: string) {
  switch (e.code) {
    case 'terminal_not_found':
      return sendPoint(reply, 404, 'not_found', `device ${id} not found`);
    case 'pos_not_found':
      return sendPoint(reply, 403, 'store_pos_not_found', `the POS of device ${id} no longer exists`);
    case 'unsupported_site':
      return sendPoint(reply, 400, 'unsupported_site', 'Point is available in AR, BR, CL and MX only');
    case 'pdv_taken':
      return sendPoint(reply, 412, 'precondition_failed', 'Only one pos-store with PDV mode ON or SUSPENDED is allowed');
  }
}

/** GET /point/integration-api/devices: store_id is a number here (reference §3.2). */
function renderDevice(t: TerminalView) {
  return { id: t.id, pos_id: t.pos_id, store_id: t.store_id, external_pos_id: t.external_pos_id ?? '', operating_mode: t.operating_mode };
}

/** The Point Integration API's devices, which the official SDK's `Point` client still calls. */
export function pointDeviceRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/point/integration-api/devices', { schema: { tags, security, summary: 'List devices (legacy)', querystring: DeviceQuery, ...listAnswers } }, async (req) => {
      const q = req.query;
      const found = await listTerminals(ctx, sellerOf(req), {
        storeId: q.store_id === undefined ? undefined : Number(q.store_id),
        posId: q.pos_id === undefined ? undefined : Number(q.pos_id),
        limit: q.limit,
        offset: q.offset,
      });
      return { devices: found.rows.map(renderDevice), paging: { total: found.total, offset: q.offset, limit: q.limit } };
    });

    app.patch('/point/integration-api/devices/:device_id', { schema: { tags, security, summary: 'Change a device operating mode (legacy)', params: DeviceParams, body: DeviceBody, ...bodyExample({ operating_mode: 'PDV' }), ...modeAnswers } }, async (req, reply) => {
      const seller = sellerOf(req);
      const id = req.params.device_id;
      const r = await guardPdv(() => ctx.store.transaction((tx) => setOperatingMode(tx, ctx, seller, id, req.body.operating_mode)));
      return r.ok ? { operating_mode: r.value.operating_mode } : deviceError(reply, r.error, id);
    });
  };
}
