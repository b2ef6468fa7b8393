// EMVCo MPM data objects (spec v1.0 §3.2): a primitive carries a value, a
// template carries nested data objects whose encoding is its value.
export interface EmvField {
  id: string;
  value: string;
}

export interface EmvTemplate {
  id: string;
  fields: EmvObject[];
}

export type EmvObject = EmvField | EmvTemplate;

export function isTemplate(o: EmvObject): o is EmvTemplate {
  return 'fields' in o;
}

/** A parsed payload. `objects` excludes the CRC (ID 63), which is in `crc`. */
export interface EmvPayload {
  objects: EmvObject[];
  /** The CRC exactly as it appeared in the payload (case preserved). */
  crc: string;
}

export type EmvParseErrorCode =
  | 'empty'
  | 'bad_format_indicator'
  | 'bad_id'
  | 'bad_length'
  | 'truncated'
  | 'duplicate_id'
  | 'missing_crc'
  | 'crc_not_last'
  | 'bad_crc_length'
  | 'crc_mismatch'
  | 'bad_template';

export interface EmvParseError {
  code: EmvParseErrorCode;
  message: string;
  /** Dotted path of the data object concerned ("62.05"); "" when no object can be named. */
  path: string;
  /** Index in the payload, counted in characters (Unicode code points), like EMV lengths. */
  position: number;
}
