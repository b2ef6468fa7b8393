import { findField, parseEmv, type EmvParseError } from '../../core/emv/index.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Executor } from '../../store/db.js';
import { findQrCode, insertQrCode, type QrCodeRow } from '../../store/repos/qr-codes.js';

/** What a QR caja issued leads to; each API family that issues codes adds its kind. */
export type QrKind = 'pos' | 'mp_order' | 'mp_instore' | 'mp_intent' | 'depay_order';

export interface IssuedQr {
  token: string;
  sellerId: number;
  kind: QrKind;
  targetId: string;
  payload: string;
  now: number;
}

export async function recordQr(ex: Executor, q: IssuedQr): Promise<void> {
  await insertQrCode(ex, {
    token: q.token,
    seller_id: q.sellerId,
    kind: q.kind,
    target_id: q.targetId,
    payload: q.payload,
    created_at: q.now,
  });
}

/** Where each payload shape keeps caja's token (see payloads.ts and the Depay profile). */
export function tokenOf(payload: string): string | undefined {
  const parsed = parseEmv(payload);
  if (!parsed.ok) return undefined;
  const o = parsed.value.objects;
  if (findField(o, '26.00')?.toLowerCase() === 'br.gov.bcb.pix') {
    const url = findField(o, '26.25');
    return url ? url.split('/').pop() : findField(o, '26.01');
  }
  const url = findField(o, '43.01');
  if (url) return url.split('/').pop();
  return findField(o, '43.00');
}

export type QrResolveError =
  | { code: 'invalid_payload'; parse: EmvParseError }
  | { code: 'unknown_code' };

/**
 * Only codes caja issued resolve, and only byte for byte: a payload whose
 * amount or CRC was altered is unknown, as a real wallet would refuse it.
 */
export async function resolveQr(ex: Executor, payload: string): Promise<Result<QrCodeRow, QrResolveError>> {
  const parsed = parseEmv(payload);
  if (!parsed.ok) return err({ code: 'invalid_payload', parse: parsed.error });
  const token = tokenOf(payload);
  const row = token ? await findQrCode(ex, token) : undefined;
  if (!row || row.payload !== payload) return err({ code: 'unknown_code' });
  return ok(row);
}
