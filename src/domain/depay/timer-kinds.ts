/** Timer kinds (rows in `timers`); handlers in timers.ts. */
export const TIMER_EXPIRE = 'depay.expire';
export const TIMER_OUTCOME = 'depay.outcome';
export const TIMER_REFUND = 'depay.refund';
