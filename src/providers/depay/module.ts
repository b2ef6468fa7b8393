import type { Config } from '../../config/config.js';
import { depayFamily } from '../../domain/depay/payable.js';
import { depayTimerHandlers } from '../../domain/depay/timers.js';
import type { ProviderModule } from '../module.js';
import { depayCallbackKind, depayPlanners } from './callbacks.js';
import { depayApi } from './index.js';
import { depaySandboxRoutes } from './sandbox.js';

/** Depay cross-border QR (seed 004): API under /depay, its sandbox controls under /sandbox, callbacks, timers, and what the wallet pays. */
export function depayModule(config: Config): ProviderModule {
  return {
    name: 'depay',
    routes: async (app, ctx) => {
      await app.register(depayApi(ctx), { prefix: '/depay' });
      await app.register(depaySandboxRoutes(ctx), { prefix: '/sandbox' });
    },
    planners: depayPlanners,
    deliveryKinds: [depayCallbackKind(config.webhook)],
    timerHandlers: depayTimerHandlers,
    families: [depayFamily],
  };
}
