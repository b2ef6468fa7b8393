import type { FastifyInstance } from 'fastify';
import { clip } from './limits.js';

/** A request whose JSON body could not be parsed; each provider renders it in its own envelope. */
export class JsonSyntaxError extends Error {
  readonly statusCode = 400;
  readonly code = 'CAJA_JSON_SYNTAX';
}

/** A body of another media type than JSON (form-urlencoded, text, ...). */
export class MediaTypeError extends Error {
  readonly statusCode = 415;
  readonly code = 'CAJA_MEDIA_TYPE';
}

/** Deeper bodies are refused before anything walks them (no provider body nests more than 6 levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * Stands for a number written with an exponent until JSON.parse is done: it
 * becomes NaN, which every numeric schema refuses (ajv's strictNumbers),
 * naming the field, and which validation words as "written with an exponent".
 */
const EXPONENT_MARK = `\u0000caja-exponent-${Math.random().toString(36).slice(2)}`;

/**
 * One linear pass over a body: its nesting depth, and the spans of numbers
 * written with an exponent (outside strings, a number token is read whole,
 * so the `e` of true/false is never mistaken for one).
 */
export function scanJson(text: string): { depth: number; exponents: Array<[number, number]> } {
  let depth = 0;
  let max = 0;
  let inString = false;
  const exponents: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) max = Math.max(max, ++depth);
    else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
    else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      let exponent = false;
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 101 || d === 69) exponent = true;
        else if (!(d === 43 || d === 45 || d === 46 || (d >= 48 && d <= 57))) break;
      }
      if (exponent) exponents.push([i, j]);
      i = j - 1;
    }
  }
  return { depth: max, exponents };
}

/** Parses JSON text; numbers written with an exponent become NaN (see EXPONENT_MARK). */
export function parseJson(text: string): unknown {
  const scan = scanJson(text);
  if (scan.depth > MAX_JSON_DEPTH) throw new JsonSyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  if (!scan.exponents.length) return JSON.parse(text);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of scan.exponents) {
    parts.push(text.slice(at, from), JSON.stringify(EXPONENT_MARK));
    at = to;
  }
  parts.push(text.slice(at));
  return JSON.parse(parts.join(''), (_key, value: unknown) => (value === EXPONENT_MARK ? NaN : value));
}

/**
 * Bodies are JSON, sent as `application/json` (or a `+json` type, or with no
 * Content-Type at all), as every provider API caja speaks expects; any other
 * declared type (form-urlencoded: `curl -d` without a header) is refused with
 * 415 rather than guessed at. An empty body is no body, whatever its Content-Type: the
 * official Mercado Pago SDK sends `Content-Type: application/json` on
 * bodiless POSTs such as a total refund. Nesting deeper than MAX_JSON_DEPTH
 * is refused; numbers with exponents are refused by validation, naming the field.
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const json = (_req: unknown, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
    const text = String(body).trim();
    if (text === '') return done(null, undefined);
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) return done(e, undefined);
      return done(new JsonSyntaxError(`malformed JSON: ${clip((e as Error).message, 200)}`), undefined);
    }
    done(null, value);
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, json);
  app.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'string' }, json);
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    // No Content-Type at all: JSON is all it can be. A declared other type is refused, never guessed at.
    if (req.headers['content-type'] === undefined) return json(req, body as string, done);
    const type = clip(String(req.headers['content-type'] ?? '(none)'), 100);
    done(new MediaTypeError(`Content-Type ${type} is not supported; send JSON with Content-Type: application/json`), undefined);
  });
}
