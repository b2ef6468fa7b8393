import { Bitmap, BLACK } from './bitmap.js';
import { paintQr, qrMatrix } from './matrix.js';

export interface QrPngOptions {
  /** Pixels per module (default 8). */
  scale?: number;
  /** Quiet zone in modules (default 4, the ISO/IEC 18004 minimum). */
  margin?: number;
}

/** PNG of the payload encoded in byte mode (EMVCo MPM §4.12), level M. */
export async function renderQrPng(payload: string, opts: QrPngOptions = {}): Promise<Buffer> {
  const scale = opts.scale ?? 8;
  const margin = opts.margin ?? 4;
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) throw new RangeError(`scale must be an integer 1–64, got ${scale}`);
  if (!Number.isInteger(margin) || margin < 0 || margin > 32) throw new RangeError(`margin must be an integer 0–32, got ${margin}`);
  const m = qrMatrix(payload);
  const side = (m.size + 2 * margin) * scale;
  const bitmap = new Bitmap(side, side);
  paintQr(bitmap, m, margin * scale, margin * scale, scale, BLACK);
  return bitmap.toPng();
}
