import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import type { ChangeProbeRow, ProbeTarget } from '../../src/store/repos/changes.js';
import { ChangeFeed } from '../../src/web/stream/feed.js';
import { until } from '../support/receiver.js';

// The shared poller alone, with a probe that answers from a map.
function feedOver(markers: Map<number, string>, opts = { intervalMs: 20, maxListeners: 5, maxPerSeller: 3 }) {
  const asked: number[][] = [];
  const probe = async (targets: readonly ProbeTarget[]): Promise<ChangeProbeRow[]> => {
    const ids = targets.map((t) => t.sellerId);
    asked.push(ids);
    return ids.map((id) => ({ seller_id: id, marker: markers.get(id) ?? '' }));
  };
  return { feed: new ChangeFeed(probe, createLogger('silent'), opts), asked };
}

describe('ChangeFeed', () => {
  it('runs one probe per interval for every listener, and wakes only the sellers whose marker moved', async () => {
    const markers = new Map([[1, 'a'], [2, 'x']]);
    const { feed, asked } = feedOver(markers);
    const calls = { one: 0, two: 0 };
    const offs = [feed.subscribe(1, () => calls.one++), feed.subscribe(1, () => calls.one++), feed.subscribe(2, () => calls.two++)];
    await until(() => calls.one === 2 && calls.two === 1, 2000, 'baselines');
    markers.set(1, 'b');
    await until(() => calls.one === 4, 2000, "seller 1's change");
    const probes = asked.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.two).toBe(1);
    // Each probe asks for both sellers at once: the number of queries does not grow with listeners.
    expect(asked.every((ids) => ids.length === 2)).toBe(true);
    expect(asked.length).toBeGreaterThan(probes);
    for (const off of offs) off!();
    expect(feed.size).toBe(0);
    const stopped = asked.length;
    await new Promise((r) => setTimeout(r, 100));
    // Nobody listens: nothing is probed.
    expect(asked.length).toBe(stopped);
  });

  it('refuses listeners beyond its bounds, per seller and in all', () => {
    const { feed } = feedOver(new Map());
    const offs = [1, 1, 1].map((s) => feed.subscribe(s, () => {}));
    expect(offs.every(Boolean)).toBe(true);
    expect(feed.subscribe(1, () => {})).toBeUndefined();
    expect(feed.subscribe(2, () => {})).toBeDefined();
    expect(feed.subscribe(3, () => {})).toBeDefined();
    expect(feed.subscribe(4, () => {})).toBeUndefined();
    offs[0]!();
    offs[0]!();
    expect(feed.size).toBe(4);
    expect(feed.subscribe(1, () => {})).toBeDefined();
    feed.stop();
  });
});

describe('prefersHtml', () => {
  it('never throws and picks HTML only when a browser prefers it', async () => {
    const fc = (await import('fast-check')).default;
    const { prefersHtml } = await import('../../src/web/negotiate.js');
    const asked = (accept: string | undefined) => prefersHtml({ headers: { accept } } as never);
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => typeof asked(s) === 'boolean'));
    expect(asked(undefined)).toBe(false);
    expect(asked('*/*')).toBe(false);
    expect(asked('text/html')).toBe(true);
    expect(asked('text/html;q=0.4, application/json;q=0.5')).toBe(false);
    expect(asked('text/html;q=0')).toBe(false);
  });
});
