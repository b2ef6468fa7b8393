import { isoMs } from '../../../core/clock.js';
import type { PosRow } from '../../../domain/pos/pos.js';

/** The QR image URLs, shaped like Mercado Pago's (`/instore/merchant/qr/<pos id>/<uuid>.png`) under caja's public URL. */
export function posQrUrls(publicUrl: string, row: Pick<PosRow, 'id' | 'uuid'>) {
  const base = `${publicUrl}/instore/merchant/qr/${row.id}`;
  return {
    image: `${base}/${row.uuid}.png`,
    template_document: `${base}/template_${row.uuid}.pdf`,
    template_image: `${base}/template_${row.uuid}.png`,
  };
}

export function renderPos(publicUrl: string, row: PosRow) {
  return {
    id: row.id,
    qr: posQrUrls(publicUrl, row),
    status: row.status,
    date_created: isoMs(row.date_created),
    date_last_updated: isoMs(row.date_last_updated),
    uuid: row.uuid,
    user_id: row.seller_id,
    name: row.name,
    fixed_amount: row.fixed_amount === 1,
    ...(row.category !== null ? { category: row.category } : {}),
    // The POS yaml types the response store_id as a string (supplement §9); null once its store was deleted.
    store_id: row.store_id === null ? null : String(row.store_id),
    external_store_id: row.external_store_id,
    external_id: row.external_id,
    ...(row.url !== null ? { url: row.url } : {}),
  };
}
