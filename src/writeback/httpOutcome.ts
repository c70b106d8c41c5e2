import type { SendOutcome } from './Writeback';

/** The headers that say how long to wait, whichever API sent them. */
export interface WaitHeaders {
  get(name: string): string | null;
}

// Answers end up in the write-back's `last_error`: enough to see why, not a page of HTML.
const MAX_BODY_CHARS = 2000;

/**
 * How long an answer asks us to wait, in ms: `Retry-After` (seconds or an
 * HTTP date), else Sentry intake's `X-Sentry-Rate-Limits` (the longest of its
 * `seconds:categories:...` entries), else the REST API's
 * `X-Sentry-Rate-Limit-Reset` (epoch seconds). Null when none says.
 */
export function retryAfterMs(headers: WaitHeaders, nowMs: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }

  const limits = headers.get('x-sentry-rate-limits');
  if (limits) {
    const seconds = limits
      .split(',')
      .map((limit) => Number(limit.trim().split(':')[0]))
      .filter((value) => Number.isFinite(value) && value >= 0);
    if (seconds.length > 0) return Math.ceil(Math.max(...seconds) * 1000);
  }

  const reset = headers.get('x-sentry-rate-limit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    return Math.max(0, Math.ceil(Number(reset) * 1000 - nowMs));
  }
  return null;
}

/**
 * Maps an HTTP answer to an outcome: 2xx delivered; 429 and 5xx (and 408)
 * retried, after the wait the answer names; any other status rejected with
 * the body kept.
 */
export function httpOutcome(
  status: number,
  headers: WaitHeaders,
  body: string,
  nowMs: number,
  result?: unknown,
): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status, result };

  const text = body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}…` : body;
  const error = `HTTP ${status}${text.trim() === '' ? '' : `: ${text.trim()}`}`;
  if (status === 429 || status === 408 || status >= 500) {
    return {
      kind: 'retry',
      status,
      retryAfterMs: retryAfterMs(headers, nowMs),
      error,
      rateLimited: status === 429,
    };
  }
  return { kind: 'rejected', status, error };
}

/** A request that got no answer (refused, reset, timed out): always worth a retry. */
export function networkOutcome(error: unknown): Extract<SendOutcome, { kind: 'retry' }> {
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'retry',
    status: null,
    retryAfterMs: null,
    error: `${message}${detail}`,
  };
}
