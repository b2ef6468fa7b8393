import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDLE_SCREEN, SCREEN_EVENTS, SCREEN_STATES, stepScreen, type ScreenEvent, type ScreenState } from '../../src/domain/terminals/screen.js';

const charge = { kind: 'order' as const, id: 'ORD01JTEST', amount: 12550, currency: 'ARS', ticket_number: 'S0392JED', description: 'Cafe' };
const card = { payment_method_id: 'visa', last_four_digits: '3704', cardholder: 'APRO', installments: 1 };
const EVENTS: ScreenEvent[] = [
  { type: 'show', charge },
  { type: 'ask_card' },
  { type: 'card_read', card },
  { type: 'approve', status_detail: 'accredited' },
  { type: 'decline', status_detail: 'insufficient_amount' },
  { type: 'print', ticket: 'TICKET' },
  { type: 'reset' },
];

describe('the terminal screen state machine', () => {
  it('walks idle → showing_order → waiting_card → processing → approved → ticket → idle', () => {
    let s = IDLE_SCREEN(0);
    const path: ScreenState[] = [];
    for (const [i, e] of [EVENTS[0]!, EVENTS[1]!, EVENTS[2]!, EVENTS[3]!, EVENTS[5]!, EVENTS[6]!].entries()) {
      const r = stepScreen(s, e, i + 1);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      s = r.value;
      path.push(s.state);
    }
    expect(path).toEqual(['showing_order', 'waiting_card', 'processing', 'approved', 'ticket', 'idle']);
    expect(s).toEqual(IDLE_SCREEN(6));
  });

  it('keeps what it shows: the charge, the card, the outcome, the ticket', () => {
    let s = IDLE_SCREEN(0);
    for (const e of [EVENTS[0]!, EVENTS[1]!, EVENTS[2]!, EVENTS[4]!, EVENTS[5]!]) s = (stepScreen(s, e, 5) as { value: typeof s }).value;
    expect(s).toEqual({ state: 'ticket', charge, card, status_detail: 'insufficient_amount', ticket: 'TICKET', since: 5 });
  });

  it('refuses what the allow-list does not name, with the state and the event', () => {
    expect(stepScreen(IDLE_SCREEN(0), { type: 'card_read', card }, 1)).toEqual({ ok: false, error: { code: 'screen_refused', state: 'idle', event: 'card_read' } });
    expect(stepScreen(IDLE_SCREEN(0), { type: 'reset' }, 1).ok).toBe(false);
  });

  it('any sequence of events: a step succeeds exactly when the allow-list names it, and reset always leads to idle', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 40 }), (events) => {
        let s = IDLE_SCREEN(0);
        for (const e of events) {
          const r = stepScreen(s, e, 1);
          expect(r.ok).toBe(SCREEN_EVENTS[s.state].includes(e.type));
          if (r.ok) s = r.value;
          expect(SCREEN_STATES).toContain(s.state);
          if (r.ok && e.type === 'reset') expect(s.state).toBe('idle');
        }
      }),
    );
  });

  it('every busy state can go back to idle (cancel on the device, timeout, the charge ending elsewhere)', () => {
    for (const state of SCREEN_STATES.filter((x) => x !== 'idle')) expect(SCREEN_EVENTS[state]).toContain('reset');
  });
});
