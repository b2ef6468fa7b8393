/**
 * An aggregate's state machine: its status enum and the one allow-list of
 * transitions out of each status. Anything not listed is refused, so a new
 * status stays unreachable until someone allows it (STYLE.md: allow-lists,
 * never deny-lists).
 */
export interface Machine<S extends string> {
  /** The aggregate's name in the status history (e.g. "mp_order", "payment"). */
  readonly name: string;
  readonly statuses: readonly S[];
  readonly allowed: Readonly<Record<S, readonly S[]>>;
}

export function machine<S extends string>(name: string, allowed: Readonly<Record<S, readonly S[]>>): Machine<S> {
  return { name, statuses: Object.keys(allowed) as S[], allowed };
}

export function isStatus<S extends string>(m: Machine<S>, s: unknown): s is S {
  return typeof s === 'string' && (m.statuses as readonly string[]).includes(s);
}

export function canMove<S extends string>(m: Machine<S>, from: S, to: S): boolean {
  return m.allowed[from]?.includes(to) ?? false;
}

/** The whole path is allowed step by step (e.g. CREATED → PROCESSING → COMPLETED). */
export function canWalk<S extends string>(m: Machine<S>, from: S, path: readonly S[]): boolean {
  let at = from;
  for (const to of path) {
    if (!canMove(m, at, to)) return false;
    at = to;
  }
  return path.length > 0;
}

/** A refused transition: the aggregate is in a status the request cannot start from. */
export interface WrongStatus<S extends string = string> {
  code: 'wrong_status';
  status: S;
}
