import { recall, type Tx } from '../../../store/db.js';
import { webhookConfigIn } from '../../../store/repos/webhook-configs.js';

/** Where a seller's webhooks for a topic go, or why they go nowhere (shown in the delivery log). */
export async function webhookTarget(tx: Tx, sellerId: number, topic: string): Promise<{ url: string | null; skipReason?: string }> {
  const cfg = await recall(tx, `webhook_config:${sellerId}`, () => webhookConfigIn(tx.ex, tx.reads, sellerId));
  if (!cfg?.url) return { url: null, skipReason: 'no webhook URL configured (PUT /sandbox/sellers/{user_id}/webhooks)' };
  const topics = JSON.parse(cfg.topics) as string[];
  if (!topics.includes(topic)) return { url: null, skipReason: `topic ${topic} is not enabled in the webhook configuration` };
  return { url: cfg.url };
}
