import type QRCodeModule from 'qrcode';
import { lazyRequire } from '../lazy.js';
import { byteSegments, QR_OPTIONS } from './matrix.js';

const QRCode = lazyRequire<typeof QRCodeModule>('qrcode');

/** SVG document (with viewBox, so it scales) of the payload in byte mode (EMVCo MPM §4.12). */
export async function renderQrSvg(payload: string): Promise<string> {
  return QRCode().toString(byteSegments(payload), { ...QR_OPTIONS, type: 'svg', margin: 4 });
}
