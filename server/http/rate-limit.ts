/**
 * Per-address limits for HTTP routes: a token bucket per client address (req.ip). A burst is
 * allowed, then a steady rate. Sign-in links and cookie-authenticated POSTs use it, so one script
 * cannot fill the sessions table or keep the CSV parser busy. Routers in other files can use it
 * the same way: `rateLimit(settings, answer)` before the handler.
 */
import type { Request, RequestHandler, Response } from 'express';
import { fail } from '../../shared/errors.js';
import { messagePage } from './pages.js';

export interface RateLimitSettings {
  /** Requests an address may make at once. */
  burst: number;
  /** Requests per second it gets back after that. */
  perSecond: number;
}

export interface HttpLimits {
  /** `/t/TOKEN` and `/board/TOKEN`. */
  signIn: RateLimitSettings;
  /** POSTs that act on a session cookie (the import, sign-out). */
  post: RateLimitSettings;
}

/**
 * Sized for a venue: on the venue network, or behind a proxy named in TRUST_PROXY, every phone has
 * its own address; behind a proxy that is not named they all share the proxy's, so the sign-in
 * limit must still let a door rush through. The import parses up to 2 MB of CSV per request; a
 * person previews and remaps a few times a minute.
 */
export const HTTP_LIMITS: HttpLimits = {
  signIn: { burst: 100, perSecond: 20 },
  post: { burst: 20, perSecond: 0.5 },
};

/** Addresses remembered at most; beyond that, full (idle) buckets are forgotten first. */
const MAX_ADDRESSES = 10_000;

interface Bucket {
  tokens: number;
  last: number;
}

/** Token buckets by address. `take` answers 0 when allowed, else the whole seconds to wait. */
export class AddressBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    // Wall-clock time on purpose: the limit is about this process's load, not the event's clock.
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = MAX_ADDRESSES,
  ) {
    if (!(settings.burst >= 1) || !(settings.perSecond > 0)) {
      throw new Error(`A rate limit needs a burst of at least 1 and a positive rate, not ${JSON.stringify(settings)}.`);
    }
  }

  take(address: string): number {
    const t = this.now();
    const { burst, perSecond } = this.settings;
    const bucket = this.buckets.get(address) ?? this.remember(address, t);
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.last) / 1000) * perSecond);
    bucket.last = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  get size(): number {
    return this.buckets.size;
  }

  private remember(address: string, t: number): Bucket {
    if (this.buckets.size >= this.maxAddresses) this.forget(t);
    const bucket = { tokens: this.settings.burst, last: t };
    this.buckets.set(address, bucket);
    return bucket;
  }

  /** Drops buckets that have refilled (they behave like new ones); if none has, the oldest. */
  private forget(t: number): void {
    const { burst, perSecond } = this.settings;
    for (const [address, b] of this.buckets) {
      if (b.tokens + ((t - b.last) / 1000) * perSecond >= burst) this.buckets.delete(address);
    }
    if (this.buckets.size >= this.maxAddresses) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
  }
}

/** Express middleware: `answer` replies when the address is over its limit; null settings turn it off. */
export function rateLimit(
  settings: RateLimitSettings | null,
  answer: (req: Request, res: Response, waitSec: number) => void,
  now?: () => number,
): RequestHandler {
  if (!settings) return (_req, _res, next) => next();
  const buckets = new AddressBuckets(settings, now);
  return (req, res, next) => {
    const waitSec = buckets.take(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (waitSec === 0) {
      next();
      return;
    }
    res.set('Retry-After', String(waitSec)).set('Cache-Control', 'no-store');
    answer(req, res, waitSec);
  };
}

/** What a phone shows after too many sign-ins from its address: wait, then scan again. */
export function tooManySignInsPage(waitSec: number): string {
  return messagePage(
    { ja: 'しばらくお待ちください', en: 'Please wait a moment' },
    {
      ja: `この端末（またはネットワーク）からのアクセスが集中しています。${waitSec}秒ほど待ってから、もう一度QRコードを読み取るか、リンクを開いてください。`,
      en: `Too many sign-ins from this device or network. Wait about ${waitSec} seconds, then scan the QR code or open the link again.`,
    },
  );
}

export const tooManySignIns = (_req: Request, res: Response, waitSec: number): void => {
  res.status(429).type('html').send(tooManySignInsPage(waitSec));
};

/** The JSON answer for an API request over its limit; the app shows the message as is. */
export const tooManyRequests = (_req: Request, res: Response, waitSec: number): void => {
  res
    .status(429)
    .json(
      fail(
        'rate-limited',
        `Too many requests from this address. Wait ${waitSec} second${waitSec === 1 ? '' : 's'} and try again.`,
        { seconds: waitSec },
      ),
    );
};
