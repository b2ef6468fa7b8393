import type { ErrorObject } from 'ajv';
import type { FastifyRequest } from 'fastify';
import { ERRORS_KEY, MAX_ISSUES, MORE_KEYWORD } from '../../http/validation.js';
import { clip } from '../../http/limits.js';

/**
 * Ajv's errors as class-validator sentences naming the field, the way a
 * NestJS ValidationPipe words them ("notification_url is required" is the
 * seed's; the others are class-validator's defaults). A schema node may
 * declare its own sentence per keyword under `x-caja-errors`.
 */
const TYPE_SENTENCES: Record<string, string> = {
  string: 'must be a string',
  number: 'must be a number conforming to the specified constraints',
  integer: 'must be an integer number',
  boolean: 'must be a boolean value',
  object: 'must be an object',
  array: 'must be an array',
};

function sentence(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const declared = (e.parentSchema as Record<string, unknown> | undefined)?.[ERRORS_KEY] as Record<string, string> | undefined;
  if (declared?.[e.keyword]) return declared[e.keyword]!;
  switch (e.keyword) {
    case 'type':
      // NaN is the JSON parser's stand-in for a number written with an exponent (1e2).
      if (Number.isNaN(e.data)) return 'must be written without an exponent';
      return TYPE_SENTENCES[String(p.type)] ?? `must be of type ${String(p.type)}`;
    case 'maxLength':
      return `must be shorter than or equal to ${String(p.limit)} characters`;
    case 'minLength':
      return Number(p.limit) === 1 ? 'should not be empty' : `must be longer than or equal to ${String(p.limit)} characters`;
    case 'maxItems':
      return `must contain no more than ${String(p.limit)} elements`;
    case 'enum':
      return `must be one of the following values: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'exclusiveMinimum':
      return Number(p.limit) === 0 ? 'must be a positive number' : `must be greater than ${String(p.limit)}`;
    case 'minimum':
      return `must not be less than ${String(p.limit)}`;
    case 'maximum':
      return `must not be greater than ${String(p.limit)}`;
    case 'pattern':
      return 'has an invalid format';
    default:
      return `is invalid (${e.message ?? e.keyword})`;
  }
}

/** class-validator names nested fields with dots: items.0.name. */
const dotted = (instancePath: string) => instancePath.split('/').slice(1).map((s) => clip(s, 64)).join('.');

export function validationMessages(errors: ErrorObject[], location: string, req: FastifyRequest): string[] {
  const out: string[] = [];
  const fields = new Set<string>();
  // One sentence per field (the first ajv finds: a wrong type before its enum), in the body's order.
  const push = (m: string) => {
    const field = m.startsWith('property ') ? m : m.split(' ')[0]!;
    if (fields.has(field)) return;
    fields.add(field);
    out.push(m);
  };
  for (const e of errors) {
    // The validator's closing line for a body too large to list every problem.
    if (e.keyword === MORE_KEYWORD) {
      out.push(e.message ?? 'and more problems');
      continue;
    }
    const field = dotted(e.instancePath);
    if (e.keyword === 'required') {
      push(`${field ? `${field}.` : ''}${String((e.params as { missingProperty: string }).missingProperty)} is required`);
    } else if (e.keyword === 'additionalProperties') {
      push(`property ${field ? `${field}.` : ''}${clip(String((e.params as { additionalProperty: string }).additionalProperty), 64)} should not exist`);
    } else if (field === '' && e.keyword === 'type') {
      // No body (or not an object): every required field is missing, as a NestJS pipe reports an empty body.
      const schema = (location === 'body' ? req.routeOptions.schema?.body : undefined) as { required?: string[] } | undefined;
      for (const name of schema?.required ?? []) push(`${name} is required`);
      if (!schema?.required?.length) push(`${location} must be an object`);
    } else {
      push(`${field || location} ${sentence(e)}`);
    }
  }
  // Linear above; capped here so that no answer grows with the number of problems.
  if (out.length <= MAX_ISSUES) return out;
  const rest = out.length - MAX_ISSUES;
  return [...out.slice(0, MAX_ISSUES), `and ${rest} more problem${rest === 1 ? '' : 's'}`];
}
