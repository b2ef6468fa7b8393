import type { Config } from '../../config/config.js';
import type { ProviderModule } from '../module.js';
import { mercadopagoApi } from './index.js';
import { mpOptionRoutes, mpSellerOptions } from './sandbox-options.js';
import { mpIpnKind, mpWebhookKind } from './notifications/kinds.js';
import { testNotificationPlanner } from './notifications/test-planner.js';
import { orderEventPlanner } from './orders/notifications.js';
import { expireOrder, expireOrders } from '../../domain/mp-orders/expire.js';
import { settleRefund } from '../../domain/mp-orders/settle.js';
import { EXPIRE_TIMER } from '../../domain/mp-orders/create.js';
import { SETTLE_TIMER } from '../../domain/mp-orders/refund.js';
import { mpOrderFamily } from '../../domain/mp-orders/payable.js';
import { ORDER_EVENT_TYPES } from '../../domain/mp-orders/events.js';
import { MP_ORDER_FAMILY } from '../../domain/mp-orders/slot.js';
import { aliasFor, takeOnTerminal, TERMINAL_AUTO_TIMER, TERMINAL_STALL_TIMER, TERMINAL_TAKE_TIMER } from '../../domain/terminals/take.js';
import { autoPayOnTerminal, stallOnTerminal } from '../../domain/terminals/card.js';
import { pointIntentFamily } from '../../domain/point-intents/family.js';
import { expireIntent as expirePointIntent, INTENT_EXPIRE_TIMER as POINT_INTENT_EXPIRE_TIMER } from '../../domain/point-intents/commands.js';
import { intentPlanners as pointIntentPlanners } from './point/notifications.js';
import { confirmPointCancel, POINT_CANCEL_TIMER } from '../../domain/mp-orders/point/cancel.js';
import { plannersFor } from '../../notify/types.js';
import { paymentPlanners } from './payments/notifications.js';
import { merchantOrderPlanners } from './merchant-orders/notifications.js';
import { instoreFamily } from '../../domain/legacy-qr/payable.js';
import { INSTORE_EXPIRE_TIMER } from '../../domain/legacy-qr/place.js';
import { expireInstoreOrder } from '../../domain/legacy-qr/remove.js';
import { intentFamily } from '../../domain/instore-intents/payable.js';
import { INTENT_EXPIRE_TIMER } from '../../domain/instore-intents/create.js';
import { expireIntent } from '../../domain/instore-intents/remove.js';
import { intentPlanners as instoreIntentPlanners } from './intents/notifications.js';
import { intentSandboxRoutes } from './intents/sandbox.js';

/** Mercado Pago: Stores, POS, Users, Orders (QR and Point), Payments, the legacy QR models and merchant_orders, Point terminals and payment intents, Instore intents; webhooks and IPN. */
export function mercadopagoModule(config: Config): ProviderModule {
  return {
    name: 'mercadopago',
    routes: async (app, ctx) => {
      await app.register(mercadopagoApi(ctx));
      await app.register(mpOptionRoutes(ctx), { prefix: '/sandbox' });
      await app.register(intentSandboxRoutes(ctx), { prefix: '/sandbox' });
    },
    planners: [
      ['sandbox.test', testNotificationPlanner(config)],
      ...plannersFor(ORDER_EVENT_TYPES, orderEventPlanner),
      ...paymentPlanners,
      ...merchantOrderPlanners(config),
      ...pointIntentPlanners,
      ...instoreIntentPlanners(config),
    ],
    deliveryKinds: [mpWebhookKind(config.webhook), mpIpnKind(config.webhook)],
    timerHandlers: [
      [EXPIRE_TIMER, expireOrder],
      [SETTLE_TIMER, settleRefund],
      [INSTORE_EXPIRE_TIMER, expireInstoreOrder],
      // The simulated terminal, for every family with terminal hooks (target: family:charge id).
      [TERMINAL_TAKE_TIMER, takeOnTerminal],
      [TERMINAL_STALL_TIMER, stallOnTerminal],
      [TERMINAL_AUTO_TIMER, autoPayOnTerminal],
      // Their names before the terminal was generic (target: a bare order id), for rows already stored.
      ['mp_order.point_take', aliasFor(MP_ORDER_FAMILY, takeOnTerminal)],
      ['mp_order.point_stall', aliasFor(MP_ORDER_FAMILY, stallOnTerminal)],
      ['mp_order.point_auto', aliasFor(MP_ORDER_FAMILY, autoPayOnTerminal)],
      [POINT_CANCEL_TIMER, confirmPointCancel],
      [POINT_INTENT_EXPIRE_TIMER, expirePointIntent],
      [INTENT_EXPIRE_TIMER, expireIntent],
    ],
    // 100,000 orders expiring at one instant: a batch's expiries in a few statements.
    bulkTimerHandlers: [[EXPIRE_TIMER, expireOrders]],
    families: [mpOrderFamily, instoreFamily, pointIntentFamily, intentFamily],
    sellerOptions: [mpSellerOptions],
  };
}
