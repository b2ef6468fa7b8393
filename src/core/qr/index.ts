// QR images for EMVCo merchant-presented payloads: bare symbol (PNG/SVG) and
// a printable store card (PNG/PDF). Byte mode only (EMVCo MPM §4.12).
export { renderQrPng, type QrPngOptions } from './png.js';
export { renderQrSvg } from './svg.js';
export { renderCardPng, type QrCard } from './card.js';
export { renderCardPdf } from './card-pdf.js';
export { toPrintableAscii } from './text.js';
