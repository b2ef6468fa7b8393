import { describe, expect, it } from 'vitest';
import { canMoveIntent, checkIntentAmount, INTENT_MOVES, INTENT_STATES } from '../../src/domain/terminals/intents.js';

describe('Point Integration API payment intents (design for phase 2)', () => {
  it('final states go nowhere; DELETE-able only while OPEN', () => {
    for (const s of ['FINISHED', 'CANCELED', 'ERROR', 'ABANDONED'] as const) expect(INTENT_MOVES[s]).toEqual([]);
    expect(INTENT_STATES.filter((s) => canMoveIntent(s, 'CANCELED'))).toEqual(['OPEN', 'ON_TERMINAL']);
  });

  it('amount limits per site, in cents (reference §4.1)', () => {
    expect(checkIntentAmount('MLA', 500).ok).toBe(true);
    expect(checkIntentAmount('MLA', 499)).toEqual({ ok: false, error: { code: 'amount_out_of_range', min: 500, max: 400_000_000 } });
    expect(checkIntentAmount('MLB', 100).ok).toBe(true);
    expect(checkIntentAmount('MLB', 7_000_001).ok).toBe(false);
    expect(checkIntentAmount('MLM', 35_000_000).ok).toBe(true);
    expect(checkIntentAmount('MLU', 1000)).toEqual({ ok: false, error: { code: 'unsupported_site' } });
  });
});
