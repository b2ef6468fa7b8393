import type { Config } from '../../config/config.js';
import type { ProviderModule } from '../module.js';
import { mercadopagoApi } from './index.js';
import { mpIpnKind, mpWebhookKind } from './notifications/kinds.js';
import { testNotificationPlanner } from './notifications/test-planner.js';

/** Mercado Pago: Stores, POS, Users; webhooks and IPN. */
export function mercadopagoModule(config: Config): ProviderModule {
  return {
    name: 'mercadopago',
    routes: async (app, ctx) => app.register(mercadopagoApi(ctx)),
    planners: [['sandbox.test', testNotificationPlanner(config)]],
    deliveryKinds: [mpWebhookKind(config.webhook), mpIpnKind(config.webhook)],
    timerHandlers: [],
    payables: [],
  };
}
