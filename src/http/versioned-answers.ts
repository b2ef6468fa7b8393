/**
 * Rendered JSON answers of versioned records (an order and its `version`),
 * kept by this process so that reading a record again, unchanged, skips
 * parsing its stored document, rendering and serializing it: the read asks
 * the database for the document only when the stored version is not the one
 * held here (`version()`), so a record changed by anyone, in any process, is
 * rendered afresh. Least recently used answers go first once the held
 * answers pass `maxChars` characters in all.
 */
export class VersionedAnswers {
  private readonly entries = new Map<string, { version: number; body: string }>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  /** The version whose answer is held for `key`, or -1 (no stored version is negative). */
  version(key: string): number {
    return this.entries.get(key)?.version ?? -1;
  }

  /** The answer held for `key` at exactly `version`. */
  get(key: string, version: number): string | undefined {
    const e = this.entries.get(key);
    if (!e || e.version !== version) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.body;
  }

  set(key: string, version: number, body: string): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.chars -= old.body.length;
    }
    if (body.length > this.maxChars) return;
    this.entries.set(key, { version, body });
    this.chars += body.length;
    for (const [k, e] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(k);
      this.chars -= e.body.length;
    }
  }

  /** Answers and characters held (for tests). */
  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }
}
