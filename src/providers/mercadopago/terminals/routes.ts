import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../../context.js';
import { guardPdv, listTerminals, setOperatingMode, type TerminalError } from '../../../domain/terminals/terminal.js';
import { sellerOf } from '../auth.js';
import { sendTerminals } from './errors.js';
import { renderTerminal } from './render.js';
import { TerminalListQuery, TerminalSetupBody } from './schemas.js';
import { answers, bodyExample, ok } from '../../../http/answers.js';
import { TERMINAL_PAGE_EXAMPLE, TERMINAL_SETUP_EXAMPLE, TerminalPage, TerminalSetup, terminalErrors } from './answers.js';

const tags = ['Terminals'];
const security = [{ mercadopago: [] }];

export function terminalError(reply: FastifyReply, e: TerminalError, id: string) {
  switch (e.code) {
    case 'terminal_not_found':
      return sendTerminals(reply, { code: 'not_found', details: [`terminal ${id} not found`] });
    case 'pos_not_found':
      return sendTerminals(reply, { code: 'store_pos_not_found', details: [`the POS of terminal ${id} no longer exists`] });
    case 'unsupported_site':
      return sendTerminals(reply, { code: 'unsupported_site' });
    case 'pdv_taken':
      return sendTerminals(reply, { code: 'precondition_failed', details: [`another terminal of the POS of ${id} is already in PDV mode`] });
  }
}

/** Point terminals (supplement §2): list and operating-mode setup. */
export function terminalRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/terminals/v1/list', { schema: { tags, security, summary: 'List Point terminals', querystring: TerminalListQuery, ...answers({ 200: ok(TerminalPage, TERMINAL_PAGE_EXAMPLE, 'The terminals'), ...terminalErrors('property_value') }) } }, async (req) => {
      const q = req.query;
      const found = await listTerminals(ctx, sellerOf(req), {
        storeId: q.store_id === undefined ? undefined : Number(q.store_id),
        posId: q.pos_id === undefined ? undefined : Number(q.pos_id),
        limit: q.limit,
        offset: q.offset,
      });
      return { data: { terminals: found.rows.map(renderTerminal) }, paging: { total: found.total, offset: q.offset, limit: q.limit } };
    });

    app.patch('/terminals/v1/setup', {
      schema: {
        tags, security, summary: 'Set a terminal operating mode (PDV or STANDALONE)', body: TerminalSetupBody, ...bodyExample(TERMINAL_SETUP_EXAMPLE),
        ...answers({
          200: ok(TerminalSetup, TERMINAL_SETUP_EXAMPLE, 'The terminal and its mode'),
          ...terminalErrors('invalid_payload', 'unsupported_site', 'unsupported_properties', 'required_properties', 'property_value', 'store_pos_not_found', 'not_found', 'precondition_failed'),
        }),
      },
    }, async (req, reply) => {
      const seller = sellerOf(req);
      const { id, operating_mode } = req.body.terminals[0]!;
      const r = await guardPdv(() => ctx.store.transaction((tx) => setOperatingMode(tx, ctx, seller, id, operating_mode)));
      if (!r.ok) return terminalError(reply, r.error, id);
      return { terminals: [{ id: r.value.id, operating_mode: r.value.operating_mode }] };
    });
  };
}
