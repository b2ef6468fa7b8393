// EMVCo MPM §4.7.3: ISO/IEC 13239 CRC, polynomial 0x1021, initial value
// 0xFFFF, no reflection, no final XOR (CRC-16/CCITT-FALSE). §1.4.3 makes the
// payload UTF-8, so the CRC runs over UTF-8 bytes, not UTF-16 code units.
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    table[n] = c;
  }
  return table;
}

/** CRC-16/CCITT-FALSE of the UTF-8 bytes of `text`, as 4 uppercase hex digits. */
export function crc16ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0);
  }
  // §4.7.3 example "6304007B": always four characters, zero-padded.
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
