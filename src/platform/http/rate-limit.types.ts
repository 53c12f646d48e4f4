import type { RateRule } from '../config.ts';

// The rate limiter's shape on its own, so the PlatformContext (context.ts) can name it without
// importing rate-limit.ts, whose middleware imports the context type in turn.

export type RateDecision = { limited: boolean; hits: number; retryAfterSeconds: number };

/** A client address's counter in one bucket, under the rule that applies to it. */
export type RateQuery = { bucket: string; address: string; rule: NonNullable<RateRule> };

/** Counters per bucket and client address, shared by every web process (createRateLimiter). */
export type RateLimiter = {
  /** Counts one request; limited once the window holds more than the rule allows. */
  hit(query: RateQuery): Promise<RateDecision>;
  /** Reads without counting: limited once the window is full (for limits that count failures only). */
  peek(query: RateQuery): Promise<RateDecision>;
};
