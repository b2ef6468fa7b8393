import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import type { CurrencyCode } from '../../core/currency.js';
import { toString } from '../../core/decimal.js';
import { crossRate } from '../../domain/depay/fx.js';
import { Currency } from './qr/schemas.js';
import { answers, ok } from '../../http/answers.js';
import { depayErrors, Rates, RATES_EXAMPLE } from './answers.js';

const Params = Type.Object({ base: Currency('Currency of one unit'), target: Currency('Currency it is priced in') });
// Reference §5.4 shows 2 decimals ("0.17", "5.86") and a `precision` query.
const Query = Type.Object({ precision: Type.Integer({ minimum: 0, maximum: 8, default: 2 }) });

/**
 * Reference §5.4: {"exchangeRate_1":"0.17","description_xr_1":"1 BRL = 0.17 USD",
 * "exchangeRate_2":"5.86","description_xr_2":"1 USD = 5.86 BRL"} for base BRL,
 * target USD; rates as strings, rounded half-up to `precision`.
 */
export function rateRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/v2/exchange-rates/rates/payins/:base/:target', { schema: { tags: ['Depay'], security: [{ depay: [] }], summary: "Today's rate between two currencies, both ways", params: Params, querystring: Query, ...answers({ 200: ok(Rates, RATES_EXAMPLE, 'Both rates, as strings (reference §5.4)'), ...depayErrors(['precision must not be greater than 8']) }) } }, async (req) => {
      const { base, target } = req.params as { base: CurrencyCode; target: CurrencyCode };
      const p = req.query.precision;
      const forward = toString(crossRate(ctx.config.depay.rates, base, target, p));
      const backward = toString(crossRate(ctx.config.depay.rates, target, base, p));
      return {
        exchangeRate_1: forward,
        description_xr_1: `1 ${base} = ${forward} ${target}`,
        exchangeRate_2: backward,
        description_xr_2: `1 ${target} = ${backward} ${base}`,
      };
    });
  };
}
