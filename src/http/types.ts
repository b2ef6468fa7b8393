import { Type, type StringOptions } from '@sinclair/typebox';

/**
 * Shared wire types. Both engines must see the same input: PostgreSQL refuses
 * a NUL byte in text where SQLite stores it, and a bigint out of range where
 * SQLite keeps a float, so such input is refused at the door, never stored.
 */
export const NO_CONTROL_CHARS = '^[^\\u0000-\\u001f\\u007f]*$';

/** Free text: any characters but C0 controls and DEL. */
export const Text = (opts: StringOptions = {}) => Type.String({ pattern: NO_CONTROL_CHARS, ...opts });

/** An absolute http(s) URL of printable ASCII (RFC 3986 has no spaces or controls). */
export const HttpUrl = (opts: StringOptions = {}) => Type.String({ pattern: '^https?://[\\x21-\\x7e]+$', ...opts });

/** Integers stay within what a JSON number holds exactly (and a bigint column accepts). */
export const MAX_SAFE_ID = Number.MAX_SAFE_INTEGER;
