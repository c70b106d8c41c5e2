import { createLogger } from '../../src/logging/createLogger';
import { createSentryApi } from '../../src/sentry/createSentryApi';
import { SentryApiError } from '../../src/sentry/SentryApiError';
import { LogLines } from '../webhook/LogLines';
import { API_TOKEN, type FakeSentry, ORG, startFakeSentry } from './fakeSentry';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const NOW = Date.parse('2026-01-03T16:00:00Z');

describe('createSentryApi', () => {
  let sentry: FakeSentry;
  let waits: number[];

  beforeEach(async () => {
    sentry = await startFakeSentry({ perPage: 2 });
    sentry.setIssueEvents(
      ['a', 'b', 'c', 'd', 'e'].map((id, index) => ({
        eventID: id,
        groupID: '42',
        title: '[SESSION_REFRESH_FAILED] x',
        dateCreated: new Date(NOW - 60_000 * (5 - index)).toISOString(),
      })),
    );
    waits = [];
  });

  afterEach(async () => {
    await sentry.close();
  });

  const api = (token = API_TOKEN) =>
    createSentryApi({
      baseUrl: sentry.url,
      token,
      org: ORG,
      fetch,
      logger,
      now: () => new Date(NOW),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });

  it('reads every page (the server pages at 2) of an issue’s events, whole, until results="false"', async () => {
    const events = (await api().issueEvents('42')) as { eventID: string }[];
    expect(events.map((event) => event.eventID)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sentry.requests).toHaveLength(3);
    expect(sentry.requests[0]).toBe(
      'GET /api/0/organizations/acme/issues/42/events/?full=true&per_page=100',
    );
  });

  it('waits the Retry-After of a 429, and until X-Sentry-Rate-Limit-Reset when no Retry-After', async () => {
    sentry.scriptRest([
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 429, headers: { 'x-sentry-rate-limit-reset': String(NOW / 1000 + 8) } },
      { status: 502 },
    ]);
    const events = await api().issueEvents('42');
    expect(events).toHaveLength(5);
    expect(waits).toEqual([3000, 8000, 2000]);
  });

  it('waits for the reset before the next page once Remaining hits 0', async () => {
    sentry.scriptRest([
      {
        status: 200,
        headers: {
          'x-sentry-rate-limit-remaining': '0',
          'x-sentry-rate-limit-reset': String(NOW / 1000 + 5),
          link: `<${sentry.url}/api/0/organizations/acme/issues/42/events/?full=true&per_page=2&cursor=0:2:0>; rel="next"; results="true"`,
        },
        body: JSON.stringify([{ eventID: 'a' }]),
      },
    ]);
    const events = await api().issueEvents('42');
    expect(events.length).toBeGreaterThan(1);
    expect(waits).toEqual([5000]);
  });

  it('gives up with a SentryApiError naming the status on a 4xx', async () => {
    await expect(api('wrong').issueEvents('42')).rejects.toThrow(SentryApiError);
    await expect(api('wrong').issueEvents('42')).rejects.toThrow(/HTTP 401/);
  });

  it('posts a comment and returns its id; reads comments back', async () => {
    const outcome = await api().postComment('42', '**logout-lens**: hi');
    expect(outcome).toEqual({
      kind: 'delivered',
      status: 201,
      result: { commentId: '1' },
    });
    expect(await api().commentTexts('42')).toEqual(['**logout-lens**: hi']);
    expect(await api().postComment('42', '**logout-lens**: hi')).toMatchObject({
      kind: 'rejected',
      status: 400,
    });
  });
});
