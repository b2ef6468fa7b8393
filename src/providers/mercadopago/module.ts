import type { Config } from '../../config/config.js';
import type { ProviderModule } from '../module.js';
import { mercadopagoApi } from './index.js';
import { mpOptionRoutes, mpSellerOptions } from './sandbox-options.js';
import { mpIpnKind, mpWebhookKind } from './notifications/kinds.js';
import { testNotificationPlanner } from './notifications/test-planner.js';
import { orderEventPlanner } from './orders/notifications.js';
import { expireOrder } from '../../domain/mp-orders/expire.js';
import { settleRefund } from '../../domain/mp-orders/settle.js';
import { EXPIRE_TIMER } from '../../domain/mp-orders/create.js';
import { SETTLE_TIMER } from '../../domain/mp-orders/refund.js';
import { mpOrderFamily } from '../../domain/mp-orders/payable.js';
import { ORDER_EVENT_TYPES } from '../../domain/mp-orders/events.js';
import { POINT_TAKE_TIMER } from '../../domain/mp-orders/point/create.js';
import { autoPayPointOrder, POINT_AUTO_TIMER, POINT_STALL_TIMER, stallPointOrder, takePointOrder } from '../../domain/mp-orders/point/device.js';
import { confirmPointCancel, POINT_CANCEL_TIMER } from '../../domain/mp-orders/point/cancel.js';
import { plannersFor } from '../../notify/types.js';
import { paymentPlanners } from './payments/notifications.js';
import { merchantOrderPlanners } from './merchant-orders/notifications.js';
import { instoreFamily } from '../../domain/legacy-qr/payable.js';
import { INSTORE_EXPIRE_TIMER } from '../../domain/legacy-qr/place.js';
import { expireInstoreOrder } from '../../domain/legacy-qr/remove.js';

/** Mercado Pago: Stores, POS, Users, Orders (QR), Payments, the legacy QR models and merchant_orders; webhooks and IPN. */
export function mercadopagoModule(config: Config): ProviderModule {
  return {
    name: 'mercadopago',
    routes: async (app, ctx) => {
      await app.register(mercadopagoApi(ctx));
      await app.register(mpOptionRoutes(ctx), { prefix: '/sandbox' });
    },
    planners: [
      ['sandbox.test', testNotificationPlanner(config)],
      ...plannersFor(ORDER_EVENT_TYPES, orderEventPlanner),
      ...paymentPlanners,
      ...merchantOrderPlanners(config),
    ],
    deliveryKinds: [mpWebhookKind(config.webhook), mpIpnKind(config.webhook)],
    timerHandlers: [
      [EXPIRE_TIMER, expireOrder],
      [SETTLE_TIMER, settleRefund],
      [INSTORE_EXPIRE_TIMER, expireInstoreOrder],
      [POINT_TAKE_TIMER, takePointOrder],
      [POINT_STALL_TIMER, stallPointOrder],
      [POINT_AUTO_TIMER, autoPayPointOrder],
      [POINT_CANCEL_TIMER, confirmPointCancel],
    ],
    families: [mpOrderFamily, instoreFamily],
    sellerOptions: [mpSellerOptions],
  };
}
