import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: bodies are checked exactly as sent (no type coercion, no
 * silently dropped properties, no injected defaults), while query strings and
 * path params are coerced from text, since that is all a URL can carry.
 * `verbose` keeps the failing schema so a field can name its own error code
 * (see `x-caja-errors`). `allErrors` lets an envelope list every problem.
 */
const bodyAjv = new Ajv({ allErrors: true, verbose: true, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
const urlAjv = new Ajv({ allErrors: true, verbose: true, strict: false, coerceTypes: true, useDefaults: true, removeAdditional: false });

/**
 * Compiled on a route's first request, not at start: compiling every route's
 * schemas up front was most of caja's start time (see docs/PERFORMANCE.md).
 * Fastify reads `errors` off the function after a failed call.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : urlAjv;
  let compiled: ValidateFunction | undefined;
  const validate = (data: unknown): boolean => {
    compiled ??= ajv.compile(schema);
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  validate.errors = null as ValidateFunction['errors'];
  return validate;
};

export type IssueLocation = 'body' | 'querystring' | 'params' | 'headers';

/** One validation problem in a provider-neutral form; each provider maps it to its own envelope. */
export interface Issue {
  location: IssueLocation;
  /** Property path from the root of the location: ['transactions','payments','0','amount']. */
  path: string[];
  keyword: string;
  /** A code the schema declared for this keyword under `x-caja-errors`, if any. */
  code?: string;
  /** Human sentence naming the field, e.g. "external_id must be at most 40 characters". */
  message: string;
}

/** Annotation on a schema: keyword → error code, e.g. { maxLength: 'NAME_TOO_LONG' }. */
export const ERRORS_KEY = 'x-caja-errors';

export function fieldName(path: string[]): string {
  return path.length ? path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('') : '(body)';
}

export function toIssues(errors: ErrorObject[], location: IssueLocation): Issue[] {
  const issues: Issue[] = [];
  for (const e of errors) {
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let keyword = e.keyword;
    let message: string;
    const field = fieldName(path);
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        path.push(String(params.missingProperty));
        message = `${fieldName(path)} is required`;
        break;
      case 'additionalProperties':
        path.push(String(params.additionalProperty));
        message = `${fieldName(path)} is not a supported property`;
        break;
      case 'type':
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
        message = `${field} must be one of ${JSON.stringify(params.allowedValues ?? [params.allowedValue])}`;
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
      const own = (parent?.properties as Record<string, Record<string, unknown>> | undefined)?.[path[path.length - 1]!];
      declared = (own?.[ERRORS_KEY] as Record<string, string> | undefined) ?? declared;
    }
    const code = declared?.[e.keyword] ?? declared?.[keyword];
    issues.push(code ? { location, path, keyword, code, message } : { location, path, keyword, message });
  }
  return dropBranchNoise(issues);
}

/**
 * A failed anyOf reports its summary plus every branch's complaint about the
 * same field. Keep one issue per field: the most specific branch complaint
 * (a bound or pattern beats a type mismatch), types merged ("integer or
 * string"), carrying the code the union declared.
 */
function dropBranchNoise(issues: Issue[]): Issue[] {
  const key = (i: Issue) => `${i.location}:${i.path.join('.')}`;
  const unions = new Map(issues.filter((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf').map((i) => [key(i), i]));
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
    const group = issues.filter((g) => key(g) === k && g !== union);
    const specific = group.find((g) => g.keyword !== 'type' && g.keyword !== 'anyOf' && g.keyword !== 'oneOf');
    const types = group.filter((g) => g.keyword === 'type').map((g) => /of type (.+)$/.exec(g.message)?.[1]).filter(Boolean);
    const chosen: Issue = specific ?? (types.length ? { ...union, keyword: 'type', message: `${fieldName(i.path)} must be of type ${types.join(' or ')}` } : union);
    const code = union.code ?? chosen.code;
    out.push(code ? { ...chosen, code } : chosen);
  }
  return out;
}
