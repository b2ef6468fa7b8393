import { randomBytes as nodeRandomBytes, randomFillSync, randomUUID } from 'node:crypto';

// ULIDs (github.com/ulid/spec): 10 Crockford base32 chars of 48-bit
// millisecond time, then 16 chars (80 bits) of randomness. Mercado Pago's
// Orders API prints them behind a prefix: "ORD01K371WBFDS4MD9JG0K8ZMECBE".
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const TIME_LEN = 10;
const RANDOM_LEN = 16;
/** Random chars an id family shares: MP's order and its transactions agree
 * on the first 19 chars (10 time + 9 random) and differ in the last 7. */
const FAMILY_SHARED = 9;
const FAMILY_OWN = RANDOM_LEN - FAMILY_SHARED;
const MAX_TIME = 2 ** 48 - 1;
// Times still remembered for monotonicity; several sellers' clocks can be
// interleaved, each reusing its own recent milliseconds.
const REMEMBERED_TIMES = 256;

// First char 0-7: 48 bits in 10 base32 chars leave the top 2 bits zero.
const ULID_RE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export type IdPrefix = 'ORD' | 'PAY' | 'CAS' | 'REF' | (string & {});
export type RandomBytes = (n: number) => Uint8Array;

// Randomness is drawn from the crypto library a block at a time, each byte
// handed out once: one call per 4 KiB instead of one per id (an order create
// draws five times; measured about 3% of its CPU).
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolUsed = POOL_BYTES;
function pooledRandomBytes(n: number): Uint8Array {
  if (n > POOL_BYTES) return nodeRandomBytes(n);
  if (poolUsed + n > POOL_BYTES) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  // A copy: the pool's bytes are refilled later.
  const out = pool.slice(poolUsed, poolUsed + n);
  poolUsed += n;
  return out;
}

// 256 is a multiple of 32, so masking a byte to 5 bits is unbiased.
const digits = (n: number, rand: RandomBytes): number[] => Array.from(rand(n), (b) => b & 31);
const encode = (ds: readonly number[]): string => ds.map((d) => CROCKFORD[d]).join('');

function encodeTime(timeMs: number): string {
  if (!Number.isSafeInteger(timeMs) || timeMs < 0 || timeMs > MAX_TIME) {
    throw new RangeError(`ULID time out of range: ${timeMs}`);
  }
  let t = timeMs;
  let s = '';
  for (let i = 0; i < TIME_LEN; i++) {
    const d = t % 32;
    s = CROCKFORD[d] + s;
    t = (t - d) / 32;
  }
  return s;
}

/** Adds one at position `at` (base 32, carrying left). Mutates `ds`. */
function increment(ds: number[], at: number): void {
  for (let i = at; i >= 0; i--) {
    const d = ds[i] ?? 0;
    if (d < 31) {
      ds[i] = d + 1;
      return;
    }
    ds[i] = 0;
  }
  // 2^80 ids in one millisecond: the spec says fail rather than wrap.
  throw new Error('ULID random component overflow');
}

export interface IdFamily {
  next(prefix: IdPrefix): string;
}

export interface IdGenerator {
  ulid(timeMs: number): string;
  newId(prefix: IdPrefix, timeMs: number): string;
  idFamily(timeMs: number): IdFamily;
}

/** A generator with its own monotonic state; `rand` is injectable for tests. */
export function createIdGenerator(rand: RandomBytes = pooledRandomBytes): IdGenerator {
  // time -> highest random digits handed out (or reserved) at that time.
  const last = new Map<number, number[]>();

  // Standard monotonic ULID: a repeated millisecond increments the previous
  // random part at `at` (15 for a single id, 8 for a family base); a new one
  // draws fresh randomness. Returns the 16 random digits, to be remembered.
  function draw(timeMs: number, at: number): number[] {
    const prev = last.get(timeMs);
    let ds: number[];
    if (prev) {
      ds = prev.slice();
      increment(ds, at);
      last.delete(timeMs); // re-inserted below, as most recent
    } else {
      ds = digits(RANDOM_LEN, rand);
      if (last.size >= REMEMBERED_TIMES) {
        const oldest = last.keys().next();
        if (!oldest.done) last.delete(oldest.value);
      }
    }
    last.set(timeMs, ds);
    return ds;
  }

  function ulid(timeMs: number): string {
    const time = encodeTime(timeMs);
    return time + encode(draw(timeMs, RANDOM_LEN - 1));
  }

  function idFamily(timeMs: number): IdFamily {
    const time = encodeTime(timeMs);
    const ds = draw(timeMs, FAMILY_SHARED - 1);
    // Reserve the whole block base+0000000..base+ZZZZZZZ so that any later id
    // in this millisecond sorts after every member of the family.
    ds.fill(31, FAMILY_SHARED);
    const base = time + encode(ds.slice(0, FAMILY_SHARED));
    const used = new Set<string>();
    return {
      next(prefix: IdPrefix): string {
        let own: string;
        do {
          own = encode(digits(FAMILY_OWN, rand));
        } while (used.has(own));
        used.add(own);
        return prefix + base + own;
      },
    };
  }

  return { ulid, newId: (prefix, timeMs) => prefix + ulid(timeMs), idFamily };
}

const shared = createIdGenerator();
export const newUlid = (timeMs: number): string => shared.ulid(timeMs);
export const newId = (prefix: IdPrefix, timeMs: number): string => shared.newId(prefix, timeMs);
export const idFamily = (timeMs: number): IdFamily => shared.idFamily(timeMs);

/** Strict: uppercase canonical Crockford only, as MP prints ids. */
export const isUlid = (s: unknown): s is string => typeof s === 'string' && ULID_RE.test(s);

export function isPrefixedUlid(prefix: string, s: unknown): s is string {
  return typeof s === 'string' && s.startsWith(prefix) && isUlid(s.slice(prefix.length));
}

/** Milliseconds encoded in a ULID. Validate first: a malformed one is a bug. */
export function ulidTime(ulid: string): number {
  if (!isUlid(ulid)) throw new RangeError(`not a ULID: ${ulid}`);
  let t = 0;
  for (const c of ulid.slice(0, TIME_LEN)) t = t * 32 + CROCKFORD.indexOf(c);
  return t;
}

export const uuid = (): string => randomUUID();

export function randomHex(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new RangeError(`bad byte count ${bytes}`);
  return nodeRandomBytes(bytes).toString('hex');
}

/** `length` Crockford base32 chars (5 bits each) from crypto randomness. */
export function randomToken(length: number): string {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`bad token length ${length}`);
  return encode(digits(length, pooledRandomBytes));
}

const SORTABLE_TIME_LEN = 8;

/**
 * `randomToken` whose first 8 chars are the time (milliseconds, base32, the
 * low 40 bits: they wrap every 34 years) and the rest random: tokens minted in
 * time order sort in time order, so an index on them grows at its right edge
 * (a page already in the cache) instead of dirtying a random page of a large
 * one (PERFORMANCE.md, "Four passes before"). `length` must leave at least 12 random chars (60 bits).
 */
export function sortableToken(length: number, timeMs: number): string {
  if (!Number.isSafeInteger(length) || length < SORTABLE_TIME_LEN + 12) throw new RangeError(`bad token length ${length}`);
  return encodeTime(Math.max(0, Math.min(MAX_TIME, Math.floor(timeMs)))).slice(TIME_LEN - SORTABLE_TIME_LEN) + randomToken(length - SORTABLE_TIME_LEN);
}

/**
 * The smallest id of a prefix minted at `timeMs`: every id minted earlier sorts
 * below it, so a primary-key range finds rows older than a time without an index.
 */
export const idFloor = (prefix: IdPrefix, timeMs: number): string => prefix + encodeTime(Math.max(0, Math.min(MAX_TIME, Math.floor(timeMs))));
