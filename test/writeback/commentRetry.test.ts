import { createLogger } from '../../src/logging/createLogger';
import { createCommentSender } from '../../src/sentry/createCommentSender';
import { createSentryApi } from '../../src/sentry/createSentryApi';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import type { Store } from '../../src/store/Store';
import { createOutboxWorker } from '../../src/writeback/createOutboxWorker';
import type { SentryCommentPayload } from '../../src/writeback/createWritebackPlanner';
import { LogLines } from '../webhook/LogLines';
import { API_TOKEN, type FakeSentry, ORG, startFakeSentry } from './fakeSentry';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const payload: SentryCommentPayload = {
  issueId: '4242',
  incidentId: 'inc1',
  text: '**logout-lens**: events of this issue are evidence of logout incident `inc1` (user x, confirmed).',
};

async function commentOutbox(sentry: FakeSentry) {
  const store: Store = await createSqliteStore({ path: ':memory:', logger });
  await store.applyAnalysis({
    upserts: [],
    removals: [],
    analyzedVersion: 0,
    writebacks: [
      {
        target: 'sentry_comment',
        key: 'sentry_comment:inc1:4242',
        incidentIds: ['inc1'],
        payload,
        notBeforeMs: 0,
      },
    ],
  });
  const api = createSentryApi({
    baseUrl: sentry.url,
    token: API_TOKEN,
    org: ORG,
    fetch,
    logger,
    now: () => new Date(),
    sleep: async () => undefined,
  });
  let clock = Date.now();
  const outbox = createOutboxWorker({
    store,
    senders: { sentry_comment: createCommentSender(api, logger) },
    logger,
    now: () => new Date(clock),
    maxAttempts: 5,
    retryBaseMs: 1000,
    pollMs: 10,
  });
  await outbox.start();
  for (let step = 0; step < 10; step++) {
    await outbox.idle();
    clock += 5000;
  }
  await outbox.close();
  const [row] = await store.listWritebacks('inc1');
  await store.close();
  return row;
}

describe('a Sentry comment whose answer was lost', () => {
  let sentry: FakeSentry;

  beforeEach(async () => {
    sentry = await startFakeSentry();
  });

  afterEach(async () => {
    await sentry.close();
  });

  it('is looked for before the retry after a 502 that stored it, found, and marked done without a second post', async () => {
    sentry.scriptCommentAfterStore([{ status: 502, body: 'bad gateway' }]);

    const row = await commentOutbox(sentry);

    expect(row).toMatchObject({
      state: 'done',
      attempts: 2,
      result: { foundBeforeRetry: true },
    });
    expect(sentry.comments).toHaveLength(1);
    const path = `/api/0/organizations/${ORG}/issues/4242/comments/`;
    expect(sentry.requests).toEqual([`POST ${path}`, `GET ${path}`]);
  });

  it('counts Sentry’s 400 "already posted" as done once our comment is found on the issue', async () => {
    // Stored by an earlier run whose answer never arrived.
    const posted = await fetch(
      `${sentry.url}/api/0/organizations/${ORG}/issues/4242/comments/`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${API_TOKEN}` },
        body: JSON.stringify({ text: payload.text }),
      },
    );
    expect(posted.status).toBe(201);

    const row = await commentOutbox(sentry);

    expect(row).toMatchObject({
      state: 'done',
      attempts: 1,
      result: { foundAfterDuplicate: true },
    });
    expect(sentry.comments).toHaveLength(1);
  });
});
