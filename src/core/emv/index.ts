// EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode
// (v1.0) codec: TLV encode/parse with CRC-16/CCITT-FALSE.
export { crc16ccitt } from './crc.js';
export { encodeEmv } from './encode.js';
export { findField } from './find.js';
export { parseEmv } from './parse.js';
export {
  isTemplate,
  type EmvField,
  type EmvObject,
  type EmvParseError,
  type EmvParseErrorCode,
  type EmvPayload,
  type EmvTemplate,
} from './types.js';
