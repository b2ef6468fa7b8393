import type { Ctx } from '../context.js';
import type { TimerHandler } from './timers.js';

/** Every timer kind and the domain command it runs. Each API family adds its own here. */
export function timerHandlers(_ctx: Ctx): Map<string, TimerHandler> {
  return new Map<string, TimerHandler>();
}
