import { err, ok, type Result } from '../../core/result.js';

/**
 * The simulated terminal's screen: a pure state machine. The device shows a
 * queued charge, asks for a card, processes it, shows the outcome, prints the
 * ticket and goes back to idle. Cancelling on the device, the payer walking
 * away, or the charge ending elsewhere (expired, canceled by API) go back to
 * idle from any busy state. The screen is persisted with the terminal
 * (terminals.screen) and moves in the same compare-and-set as the rest of it.
 */
export const SCREEN_STATES = ['idle', 'showing_order', 'waiting_card', 'processing', 'approved', 'declined', 'ticket'] as const;
export type ScreenState = (typeof SCREEN_STATES)[number];

/** What the screen shows of the charge it holds (an Orders order, or later a payment intent). */
export interface ShownCharge {
  kind: 'order' | 'intent';
  id: string;
  /** Minor units. */
  amount: number;
  currency: string;
  ticket_number: string | null;
  description: string | null;
}

export interface CardRead {
  payment_method_id: string;
  last_four_digits: string;
  cardholder: string;
  installments: number;
}

export interface Screen {
  state: ScreenState;
  charge: ShownCharge | null;
  card: CardRead | null;
  /** The outcome's status_detail once approved or declined. */
  status_detail: string | null;
  /** The printed ticket, once printed. */
  ticket: string | null;
  /** Seller clock, ms: when the screen entered this state. */
  since: number;
}

export type ScreenEvent =
  | { type: 'show'; charge: ShownCharge }
  | { type: 'ask_card' }
  | { type: 'card_read'; card: CardRead }
  | { type: 'approve'; status_detail: string }
  | { type: 'decline'; status_detail: string }
  | { type: 'print'; ticket: string }
  | { type: 'reset' };

export type ScreenEventType = ScreenEvent['type'];

/** The allow-list: which events each state accepts. */
export const SCREEN_EVENTS: Record<ScreenState, readonly ScreenEventType[]> = {
  idle: ['show'],
  showing_order: ['ask_card', 'reset'],
  waiting_card: ['card_read', 'reset'],
  processing: ['approve', 'decline', 'reset'],
  approved: ['print', 'reset'],
  declined: ['print', 'reset'],
  ticket: ['reset'],
};

export const IDLE_SCREEN = (now: number): Screen => ({ state: 'idle', charge: null, card: null, status_detail: null, ticket: null, since: now });

export interface ScreenRefused {
  code: 'screen_refused';
  state: ScreenState;
  event: ScreenEventType;
}

export function screenAccepts(state: ScreenState, event: ScreenEventType): boolean {
  return SCREEN_EVENTS[state].includes(event);
}

export function stepScreen(s: Screen, e: ScreenEvent, now: number): Result<Screen, ScreenRefused> {
  if (!screenAccepts(s.state, e.type)) return err({ code: 'screen_refused', state: s.state, event: e.type });
  switch (e.type) {
    case 'show':
      return ok({ ...IDLE_SCREEN(now), state: 'showing_order', charge: e.charge });
    case 'ask_card':
      return ok({ ...s, state: 'waiting_card', since: now });
    case 'card_read':
      return ok({ ...s, state: 'processing', card: e.card, since: now });
    case 'approve':
      return ok({ ...s, state: 'approved', status_detail: e.status_detail, since: now });
    case 'decline':
      return ok({ ...s, state: 'declined', status_detail: e.status_detail, since: now });
    case 'print':
      return ok({ ...s, state: 'ticket', ticket: e.ticket, since: now });
    case 'reset':
      return ok(IDLE_SCREEN(now));
  }
}

export function parseScreen(json: string): Screen {
  return JSON.parse(json) as Screen;
}
