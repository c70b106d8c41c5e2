import { nextPageUrl } from '../../src/sentry/nextPageUrl';
import { httpOutcome, retryAfterMs } from '../../src/writeback/httpOutcome';

const NOW = Date.parse('2026-01-03T10:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after': '7' }), NOW)).toBe(7000);
    expect(
      retryAfterMs(headers({ 'retry-after': 'Sat, 03 Jan 2026 10:00:30 GMT' }), NOW),
    ).toBe(30_000);
  });

  it('takes the longest X-Sentry-Rate-Limits entry at the intake', () => {
    expect(
      retryAfterMs(
        headers({
          'x-sentry-rate-limits': '60:error;transaction:organization, 2::project',
        }),
        NOW,
      ),
    ).toBe(60_000);
  });

  it('counts to X-Sentry-Rate-Limit-Reset (epoch seconds) on the REST API', () => {
    expect(
      retryAfterMs(
        headers({ 'x-sentry-rate-limit-reset': String(NOW / 1000 + 12) }),
        NOW,
      ),
    ).toBe(12_000);
  });

  it('says nothing when no header does', () => {
    expect(retryAfterMs(headers({}), NOW)).toBeNull();
  });
});

describe('httpOutcome', () => {
  it('retries 429 and 5xx, refuses other 4xx with the body, delivers 2xx', () => {
    expect(httpOutcome(429, headers({ 'retry-after': '2' }), '', NOW)).toEqual({
      kind: 'retry',
      status: 429,
      retryAfterMs: 2000,
      error: 'HTTP 429',
      rateLimited: true,
    });
    expect(httpOutcome(503, headers({}), 'down', NOW)).toMatchObject({
      kind: 'retry',
      retryAfterMs: null,
      error: 'HTTP 503: down',
      rateLimited: false,
    });
    expect(httpOutcome(400, headers({}), '{"detail":"bad"}', NOW)).toEqual({
      kind: 'rejected',
      status: 400,
      error: 'HTTP 400: {"detail":"bad"}',
    });
    expect(httpOutcome(201, headers({}), '', NOW, { id: 1 })).toEqual({
      kind: 'delivered',
      status: 201,
      result: { id: 1 },
    });
  });
});

describe('nextPageUrl', () => {
  const link = (more: boolean) =>
    `<https://sentry.io/api/0/x/?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ` +
    `<https://sentry.io/api/0/x/?cursor=0:100:0>; rel="next"; results="${more}"; cursor="0:100:0"`;

  it('follows rel="next" only while results="true"', () => {
    expect(nextPageUrl(link(true))).toBe('https://sentry.io/api/0/x/?cursor=0:100:0');
    expect(nextPageUrl(link(false))).toBeNull();
    expect(nextPageUrl(null)).toBeNull();
  });
});
