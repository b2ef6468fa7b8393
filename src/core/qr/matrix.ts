import type QRCodeModule from 'qrcode';
import { lazyRequire } from '../lazy.js';
import type { Bitmap, Rgb } from './bitmap.js';

const QRCode = lazyRequire<typeof QRCodeModule>('qrcode');

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

/**
 * EMVCo MPM §4.12.1: "all the data shall be encoded using Byte Mode";
 * node-qrcode's default auto mode would mix numeric/alphanumeric segments,
 * so the payload is passed as one explicit byte segment. §4.12 sets no error
 * correction level; M is common practice. node-qrcode cannot emit the ECI
 * 000026 header §4.12 asks for with non-ASCII payloads, so those still go out
 * as UTF-8 bytes without ECI (decoders default to UTF-8 in practice).
 */
export function byteSegments(payload: string): QRCodeModule.QRCodeSegment[] {
  if (payload.length === 0) throw new Error('QR payload must not be empty');
  return [{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }];
}

export const QR_OPTIONS = { errorCorrectionLevel: 'M' } as const;

export function qrMatrix(payload: string): QrMatrix {
  const { modules } = QRCode().create(byteSegments(payload), QR_OPTIONS);
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** Paints the symbol with its top-left module at (x, y); the caller owns the quiet zone. */
export function paintQr(bitmap: Bitmap, m: QrMatrix, x: number, y: number, scale: number, ink: Rgb): void {
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) {
      if (m.dark(row, col)) bitmap.fillRect(x + col * scale, y + row * scale, scale, scale, ink);
    }
  }
}
