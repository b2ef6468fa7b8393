import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { JsonSyntaxError } from '../../../http/json-parser.js';
import { clip } from '../../../http/limits.js';
import { isMore, toIssues, type Issue, type IssueLocation } from '../../../http/validation.js';

/**
 * The Orders API's closed error list and its HTTP statuses (reference §1.3,
 * §1.9: the integration-errors catalogue), rendered as
 * {"errors":[{"code","message","details":[...]}]}.
 */
export const ORDER_ERRORS = {
  json_syntax_error: [400, 'Invalid JSON syntax'],
  required_properties: [400, 'Missing required properties'],
  unsupported_properties: [400, 'Unsupported properties'],
  minimum_properties: [400, 'Minimum properties not met'],
  property_type: [400, 'Invalid property type'],
  property_value: [400, 'Invalid property value'],
  maximum_items: [400, 'Maximum items exceeded'],
  minimum_items: [400, 'Minimum items not met'],
  invalid_path_param: [400, 'Invalid path param'],
  empty_required_header: [400, 'Required header is missing'],
  unsupported_site: [400, 'Unsupported site'],
  invalid_order_type: [400, 'Invalid order type'],
  invalid_transaction_id: [400, 'Invalid transaction id'],
  sponsor_id_not_valid: [400, 'Sponsor id is not valid'],
  seller_configuration: [400, 'The seller configuration does not allow this operation'],
  missing_required_params: [400, 'Missing required params'],
  invalid_parameter: [400, 'Invalid parameter'],
  invalid_order_owner: [400, 'The order belongs to another user'],
  in_store_payment_refund_order: [400, 'The refund window for this in-store payment has ended'],
  refund_amount_exceeds: [400, 'The refund amount exceeds the available amount'],
  partial_refund_not_allowed_with_cashout: [400, 'Partial refunds are not allowed for orders with a cash-out'],
  bad_request: [400, 'Bad request'],
  unauthorized: [401, 'Unauthorized'],
  partial_refund_forbidden_with_tips: [403, 'Partial refunds are not allowed for payments with tips'],
  forbidden_checking_terminal_owner: [403, 'The terminal does not belong to the user or is not in PDV mode'],
  pos_not_found: [404, 'POS not found'],
  order_not_found: [404, 'Order not found'],
  transaction_not_found: [404, 'Transaction not found'],
  marketplace_fee_not_allowed: [404, 'Marketplace fee not allowed'],
  cannot_cancel_order: [409, 'The order cannot be canceled'],
  cannot_refund_order: [409, 'The order cannot be refunded'],
  order_already_refunded: [409, 'The order is already refunded'],
  order_already_canceled: [409, 'Orders can only be canceled via API when status=created'],
  already_queued_order_for_terminal: [409, 'There is already a queued order for this terminal'],
  idempotency_key_already_used: [409, 'Idempotency key already used'],
  unsupported_media_type: [415, 'Unsupported media type'],
  resource_locked: [423, 'Resource locked'],
  internal_error: [500, 'Internal server error'],
} as const;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;

/** The get-order reference's rule for ids in paths. */
export const ORDER_ID_RULE = 'order_id must begin with "ORD" and be followed by 26 characters';

export interface OrderError {
  code: OrderErrorCode;
  message?: string;
  details?: string[];
}

export function ordersBody(errors: OrderError[]) {
  return { errors: errors.map((e) => ({ code: e.code, message: e.message ?? ORDER_ERRORS[e.code][1], details: e.details ?? [] })) };
}

/** The status of a response with several errors is the first one's. */
export function ordersError(errors: OrderError[]) {
  return { status: ORDER_ERRORS[errors[0]!.code][0], body: ordersBody(errors) };
}

export function sendOrders(reply: FastifyReply, ...errors: OrderError[]) {
  const { status, body } = ordersError(errors);
  return reply.code(status).send(body);
}

/** '$.transactions.payments[0].amount', the JSON path form of the catalogue's details. */
export function jsonPath(path: string[]): string {
  return '$' + path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
}

function classify(i: Issue): [OrderErrorCode, string] {
  const at = `'${i.location === 'body' ? jsonPath(i.path) : i.path.join('.')}'`;
  // The search reference's codes for query parameters: missing_required_params, invalid_parameter.
  if (i.location === 'querystring') return i.keyword === 'required' ? ['missing_required_params', `missing parameter ${at}`] : ['invalid_parameter', `invalid value for ${at}: ${i.message.replace(/^\S+ /, '')}`];
  switch (i.keyword) {
    case 'required':
      return ['required_properties', `missing properties: ${at}`];
    case 'additionalProperties':
      return ['unsupported_properties', `additionalProperties ${at} not allowed`];
    case 'type':
      return ['property_type', `invalid type for ${at}: ${i.message.replace(/^.* must be of type /, 'expected ')}`];
    case 'maxItems':
      return ['maximum_items', `${at}: ${i.message.replace(/^\S+ /, '')}`];
    case 'minItems':
      return ['minimum_items', `${at}: ${i.message.replace(/^\S+ /, '')}`];
    case 'minProperties':
      return ['minimum_properties', `${at} must have at least one property`];
    case 'exponent':
      return ['property_value', `invalid value for ${at}: ${i.message.replace(/^\S+ /, '')}`];
    default:
      return ['property_value', `invalid value for ${at}: ${i.message.replace(/^\S+ /, '')}`];
  }
}

/**
 * Groups problems by code, every problem listed in its group's details; a
 * capped list (toIssues) closes the last group with "and N more problems".
 */
export function issuesToOrderErrors(issues: Issue[]): OrderError[] {
  const groups = new Map<OrderErrorCode, string[]>();
  let more: string | undefined;
  for (const i of issues) {
    if (isMore(i)) {
      more = i.message;
      continue;
    }
    const [code, detail] = classify(i);
    const group = groups.get(code);
    if (group) group.push(detail);
    else groups.set(code, [detail]);
  }
  const errors: OrderError[] = [...groups].map(([code, details]) => ({ code, details }));
  if (more && errors.length) errors[errors.length - 1]!.details!.push(more);
  return errors;
}

export function ordersErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const location = (error.validationContext ?? 'body') as IssueLocation;
    // A malformed order id in the path has its own code (get-order reference).
    if (location === 'params') return sendOrders(reply, { code: 'invalid_path_param', details: [ORDER_ID_RULE] });
    return sendOrders(reply, ...issuesToOrderErrors(toIssues(error.validation as never, location)));
  }
  if (error instanceof JsonSyntaxError) return sendOrders(reply, { code: 'json_syntax_error', details: [error.message] });
  if (error.statusCode === 413) return sendOrders(reply, { code: 'property_value', message: 'Request body too large' });
  // No JSON Content-Type, or one that cannot be read: the other APIs answer 415 too (caja's code; the catalogue lists none).
  if (error.statusCode === 415) return sendOrders(reply, { code: 'unsupported_media_type', details: [clip(error.message, 200)] });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendOrders(reply, { code: 'json_syntax_error', details: [clip(error.message, 200)] });
  req.log.error({ err: error }, 'unhandled error');
  return sendOrders(reply, { code: 'internal_error' });
}
