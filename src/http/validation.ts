import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { clip } from './limits.js';

/**
 * Two validators: bodies are checked exactly as sent (no type coercion, no
 * silently dropped properties, no injected defaults), while query strings and
 * path params are coerced from text, since that is all a URL can carry.
 * `verbose` keeps the failing schema so a field can name its own error code
 * (see `x-caja-errors`). `allErrors` lets an envelope list every problem;
 * its cost stays linear in the body (bounded by the body limit) and the
 * rendering below is linear too, with the list capped at MAX_ISSUES.
 */
// strictNumbers: NaN (a number written with an exponent, see json-parser.ts) is no number.
const bodyOptions = { verbose: true, strict: false, strictNumbers: true, coerceTypes: false, useDefaults: false, removeAdditional: false } as const;
const bodyAjv = new Ajv({ ...bodyOptions, allErrors: true });
const firstErrorAjv = new Ajv({ ...bodyOptions, allErrors: false });
const urlAjv = new Ajv({ allErrors: true, verbose: true, strict: false, coerceTypes: true, useDefaults: true, removeAdditional: false });

/**
 * Listing every problem costs time in proportion to the body's values times
 * the schema's branches; past this many values a body gets its first problem
 * and a closing "more problems" line instead.
 */
export const MAX_LISTED_VALUES = 256;

/** Counts a value's nodes, stopping once past `limit` (no recursion: any depth is safe). */
export function countValues(value: unknown, limit: number): number {
  const stack: unknown[] = [value];
  let n = 0;
  while (stack.length && n <= limit) {
    const v = stack.pop();
    n++;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}

/** ajv's error for "the list stops here"; toIssues renders it as the closing issue. */
export const MORE_KEYWORD = 'caja_more';

/**
 * A body is checked first against a validator that stops at the first
 * problem (the common case: valid input costs one pass); an invalid body of
 * reasonable size is checked again to list every problem.
 */
function bodyValidator(schema: object): ValidateFunction {
  // Compiled on the route's first request (the first validator) and first invalid body (the listing one):
  // compiling every route's schemas up front was most of caja's start time (docs/PERFORMANCE.md).
  let firstFn: ValidateFunction | undefined;
  let all: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    const first = (firstFn ??= firstErrorAjv.compile(schema));
    if (first(data)) {
      validate.errors = null;
      return true;
    }
    if (countValues(data, MAX_LISTED_VALUES) <= MAX_LISTED_VALUES) {
      all ??= bodyAjv.compile(schema);
      all(data);
      validate.errors = all.errors ?? first.errors;
    } else {
      const more: ErrorObject = { keyword: MORE_KEYWORD, instancePath: '', schemaPath: '#', params: {}, message: 'and more problems (the body is too large to list them all)' };
      validate.errors = [...(first.errors ?? []), more];
    }
    return false;
  }) as ValidateFunction;
  validate.schema = schema;
  return validate;
}

/** Query strings and path params: compiled on the route's first request too. Fastify reads `errors` off the function after a failed call. */
function urlValidator(schema: object): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown): boolean => {
    compiled ??= urlAjv.compile(schema);
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  }) as ValidateFunction;
  validate.errors = null;
  validate.schema = schema;
  return validate;
}

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => (httpPart === 'body' ? bodyValidator(schema) : urlValidator(schema));

export type IssueLocation = 'body' | 'querystring' | 'params' | 'headers';

/** One validation problem in a provider-neutral form; each provider maps it to its own envelope. */
export interface Issue {
  location: IssueLocation;
  /** Property path from the root of the location: ['transactions','payments','0','amount']. */
  path: string[];
  /** The ajv keyword; 'more' for the closing "and N more problems" of a capped list. */
  keyword: string;
  /** A code the schema declared for this keyword under `x-caja-errors`, if any. */
  code?: string;
  /** Human sentence naming the field, e.g. "external_id must be at most 40 characters". */
  message: string;
  /** For enum/const problems: the values allowed (merged across a union's branches). */
  allowed?: unknown[];
}

/** Annotation on a schema: keyword → error code, e.g. { maxLength: 'NAME_TOO_LONG' }. */
export const ERRORS_KEY = 'x-caja-errors';

/** An answer lists at most this many problems, then one closing "and N more problems". */
export const MAX_ISSUES = 20;

export function fieldName(path: string[]): string {
  return path.length ? path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('') : '(body)';
}

export const isMore = (i: Issue) => i.keyword === 'more';

const allowedList = (values: unknown[]) => JSON.stringify(values);

function toIssue(e: ErrorObject, location: IssueLocation): Issue {
  if (e.keyword === MORE_KEYWORD) return { location, path: [], keyword: 'more', message: e.message ?? 'and more problems' };
  // Property names come from the request: each segment is clipped so that no answer echoes a huge key.
  const path = e.instancePath.split('/').slice(1).map((s) => clip(s.replace(/~1/g, '/').replace(/~0/g, '~'), 64));
  let keyword = e.keyword;
  let message: string;
  let allowed: unknown[] | undefined;
  const field = fieldName(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      path.push(clip(String(params.missingProperty), 64));
      message = `${fieldName(path)} is required`;
      break;
    case 'additionalProperties':
      path.push(clip(String(params.additionalProperty), 64));
      message = `${fieldName(path)} is not a supported property`;
      break;
    case 'type':
      if (Number.isNaN(e.data)) {
        // The JSON parser's stand-in for 1e2: refused as a value (README: amounts take no exponent).
        message = `${field} must be written without an exponent`;
        keyword = 'exponent';
        break;
      }
      message = `${field} must be of type ${String(params.type).replace(',', ' or ')}`;
      break;
    case 'maxLength':
      message = `${field} must be at most ${String(params.limit)} characters`;
      break;
    case 'minLength':
      message = Number(params.limit) === 1 ? `${field} must not be empty` : `${field} must be at least ${String(params.limit)} characters`;
      break;
    case 'maxItems':
      message = `${field} must have at most ${String(params.limit)} items`;
      break;
    case 'minItems':
      message = `${field} must have at least ${String(params.limit)} items`;
      break;
    case 'enum':
    case 'const':
      allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      message = `${field} must be one of ${allowedList(allowed)}`;
      keyword = 'enum';
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      message = `${field} must be ${String(params.comparison)} ${String(params.limit)}`;
      break;
    case 'anyOf':
    case 'oneOf':
      // The branch errors that follow carry the detail; keep one summary line.
      message = `${field} has an invalid value`;
      break;
    default:
      message = `${field} ${e.message ?? 'is invalid'}`;
  }
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  let declared = parent?.[ERRORS_KEY] as Record<string, string> | undefined;
  if (e.keyword === 'required') {
    // A missing property names its own code when it declares one (INVALID_STREET_NAME, not INVALID_LOCATION).
    const own = (parent?.properties as Record<string, Record<string, unknown>> | undefined)?.[String(params.missingProperty)];
    declared = (own?.[ERRORS_KEY] as Record<string, string> | undefined) ?? declared;
  }
  const code = declared?.[e.keyword] ?? declared?.[keyword];
  const issue: Issue = { location, path, keyword, message };
  if (code) issue.code = code;
  if (allowed) issue.allowed = allowed;
  return issue;
}

/**
 * ajv's errors as issues: one per field and keyword, linear in the number of
 * errors, at most MAX_ISSUES of them followed by a closing issue (keyword
 * 'more') that counts the rest.
 */
export function toIssues(errors: ErrorObject[], location: IssueLocation): Issue[] {
  const read = readable(errors);
  const all = dropBranchNoise(read.map((e) => toIssue(e, location)));
  // The validator's own closing line (a body too large to list) goes last, after the cap.
  const closing = all.filter(isMore);
  const issues = closing.length ? all.filter((i) => !isMore(i)) : all;
  if (read.length < errors.length && !closing.length) closing.push({ location, path: [], keyword: 'more', message: 'and more problems' });
  if (issues.length <= MAX_ISSUES) return [...issues, ...closing.slice(0, 1)];
  const rest = issues.length - MAX_ISSUES;
  return [...issues.slice(0, MAX_ISSUES), { location, path: [], keyword: 'more', message: `and ${rest} more problem${rest === 1 ? '' : 's'}` }];
}

/** ajv errors read at most (each costs microseconds: its path is a fresh string). */
export const MAX_ERRORS_READ = 600;

/** The first MAX_ERRORS_READ errors, ending where a field's errors end (a union's summary follows its branches). */
function readable(errors: ErrorObject[]): ErrorObject[] {
  if (errors.length <= MAX_ERRORS_READ) return errors;
  let end = MAX_ERRORS_READ;
  const boundary = (i: number) => errors[i - 1]!.keyword === 'anyOf' || errors[i - 1]!.keyword === 'oneOf' || errors[i]!.instancePath !== errors[i - 1]!.instancePath;
  while (end < errors.length && end < 2 * MAX_ERRORS_READ && !boundary(end)) end++;
  return errors.slice(0, end);
}

/**
 * A failed anyOf reports its summary plus every branch's complaint about the
 * same field. Keep one issue per field: a union of literals names every
 * allowed value; otherwise the most specific branch complaint (a bound or
 * pattern beats a type mismatch), types merged ("integer or string"),
 * carrying the code the union declared. One pass to group, one to emit.
 */
function dropBranchNoise(issues: Issue[]): Issue[] {
  const key = (i: Issue) => `${i.location}:${i.path.join('.')}`;
  const unions = new Map<string, Issue>();
  const groups = new Map<string, Issue[]>();
  for (const i of issues) {
    const k = key(i);
    if ((i.keyword === 'anyOf' || i.keyword === 'oneOf') && !unions.has(k)) unions.set(k, i);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const i of issues) {
    const k = key(i);
    const union = unions.get(k);
    if (!union) {
      if (!seen.has(`${k}:${i.keyword}`)) out.push(i);
      seen.add(`${k}:${i.keyword}`);
      continue;
    }
    if (seen.has(k)) continue;
    seen.add(k);
    const chosen = unionIssue(union, groups.get(k)!.filter((g) => g !== union));
    const code = union.code ?? chosen.code;
    out.push(code ? { ...chosen, code } : chosen);
  }
  return out;
}

function unionIssue(union: Issue, group: Issue[]): Issue {
  const field = fieldName(union.path);
  const enums = group.filter((g) => g.keyword === 'enum');
  if (enums.length) {
    const allowed = [...new Map(enums.flatMap((g) => g.allowed ?? []).map((v) => [JSON.stringify(v), v])).values()];
    return { ...union, keyword: 'enum', message: `${field} must be one of ${allowedList(allowed)}`, allowed };
  }
  const specific = group.find((g) => g.keyword !== 'type' && g.keyword !== 'anyOf' && g.keyword !== 'oneOf');
  if (specific) return specific;
  const types = [...new Set(group.filter((g) => g.keyword === 'type').map((g) => /of type (.+)$/.exec(g.message)?.[1]).filter(Boolean))];
  return types.length ? { ...union, keyword: 'type', message: `${field} must be of type ${types.join(' or ')}` } : union;
}
