import type { Incident } from '../../src/model/Incident';
import { sourceIssueIds } from '../../src/writeback/createWritebackPlanner';
import { generatedStream } from '../fixtures/webhook/webhookFixtures';
import {
  deliver,
  getApi,
  removeTempDirs,
  type TestService,
} from '../webhook/serviceHarness';
import { type FakeSentry, startFakeSentry } from './fakeSentry';
import { type FakeSlack, startFakeSlack } from './fakeSlack';
import {
  drained,
  outboxCounts,
  outboxRows,
  startWritebackService,
  waitFor,
} from './writebackHarness';
import { findPersonalData } from './findPersonalData';

async function deliverAll(url: string) {
  for (const line of generatedStream()) {
    const response = await deliver(url, line);
    await response.arrayBuffer();
    expect(response.status).toBeLessThan(300);
  }
}

async function listIncidents(url: string): Promise<Incident[]> {
  const response = await getApi(url, '/api/incidents?limit=1000');
  return ((await response.json()) as { incidents: Incident[] }).incidents;
}

describe('write-back of the generated stream to local Sentry and Slack', () => {
  let sentry: FakeSentry;
  let slack: FakeSlack;
  let running: TestService;
  let incidents: Incident[];

  beforeAll(async () => {
    sentry = await startFakeSentry();
    slack = await startFakeSlack();
    running = await startWritebackService({ sentry, slack });
    await deliverAll(running.url);
    incidents = await listIncidents(running.url);
    await waitFor(() => outboxCounts(running.dir), drained, 30_000);
  });

  afterAll(async () => {
    await running.service.close();
    await sentry.close();
    await slack.close();
    removeTempDirs();
  });

  it('finds the 18 incidents and ends with every write-back done, none failed', () => {
    expect(incidents).toHaveLength(18);
    const counts = outboxCounts(running.dir);
    expect(counts.failed).toBe(0);
    expect(counts.done).toBeGreaterThan(0);
  });

  it('sends one incident event per incident version, each with its own event id', () => {
    const events = sentry.acceptedEvents();
    const doneEvents = outboxRows(running.dir).filter(
      (row) => row.target === 'sentry_event' && row.state === 'done',
    );
    expect(events).toHaveLength(doneEvents.length);
    const ids = events.map((event) => event.event_id);
    expect(new Set(ids).size).toBe(ids.length);

    // The latest version of every reported incident reached Sentry.
    const reported = incidents.filter(
      (incident) => incident.cause !== 'expected_revocation',
    );
    for (const incident of reported) {
      const latest = events
        .filter(
          (event) =>
            (event.tags as Record<string, string>)['logout.incident'] === incident.id,
        )
        .at(-1);
      expect(latest).toBeDefined();
      expect(latest?.fingerprint).toEqual(['logout-lens', incident.fingerprint]);
      expect(latest?.tags).toMatchObject({
        'logout.cause': incident.cause,
        'logout.status': incident.status,
      });
    }
    // expected_revocation stays out without SENTRY_REPORT_EXPECTED.
    expect(
      events.some(
        (event) =>
          (event.tags as Record<string, string>)['logout.cause'] ===
          'expected_revocation',
      ),
    ).toBe(false);
  });

  it('renders a backend revocation as an error with the trigger as an in-app stack, oldest first', () => {
    const incident = incidents.find(
      (candidate) =>
        candidate.cause === 'backend_revocation' &&
        (candidate.trigger?.frames.length ?? 0) > 1,
    );
    expect(incident).toBeDefined();
    const event = sentry
      .acceptedEvents()
      .filter(
        (e) => (e.tags as Record<string, string>)['logout.incident'] === incident?.id,
      )
      .at(-1) as {
      level: string;
      message: string;
      exception: {
        values: { type: string; stacktrace: { frames: Record<string, unknown>[] } }[];
      };
      contexts: { logout_incident: Record<string, unknown> };
    };

    expect(event.level).toBe('error');
    expect(event.message).toBe(incident?.title);
    const frames = event.exception.values[0]?.stacktrace.frames ?? [];
    expect(frames.map((frame) => [frame.filename, frame.function, frame.lineno])).toEqual(
      incident?.trigger?.frames.map((frame) => [frame.file, frame.function, frame.line]),
    );
    expect(frames.every((frame) => frame.in_app === true)).toBe(true);
    expect(frames.some((frame) => typeof frame.context_line === 'string')).toBe(true);
    const context = event.contexts.logout_incident;
    expect(context).toMatchObject({ id: incident?.id, cause: 'backend_revocation' });
    expect((context.timeline as string[]).length).toBe(incident?.signals.length);
    expect(context.link).toMatch(/\/incidents\/[^?]+\?sig=\d+\.[\w-]+$/);
    expect((context.source_events as string[]).length).toBeGreaterThan(0);
  });

  it('comments every source issue once per incident, and never twice', () => {
    const expected = incidents.flatMap((incident) =>
      sourceIssueIds(incident).map((issueId) => `${issueId} ${incident.id}`),
    );
    const posted = sentry.comments.map((comment) => {
      const id = /incident `([^`]+)`/.exec(comment.text)?.[1];
      return `${comment.issueId} ${id}`;
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(posted).size).toBe(posted.length);
    // Incidents that were later superseded may have commented too; every current pair is there.
    expect(posted).toEqual(expect.arrayContaining(expected));
  });

  it('posts one first-seen Slack message per reported fingerprint, then digests', () => {
    const fingerprints = new Set(
      incidents
        .filter((incident) => incident.cause !== 'expected_revocation')
        .map((incident) => incident.fingerprint),
    );
    const firsts = slack.messages.filter((message) =>
      String(message.text).startsWith('New logout cause'),
    );
    expect(firsts.length).toBeGreaterThanOrEqual(fingerprints.size);
    const slackRows = outboxRows(running.dir).filter((row) => row.target === 'slack');
    expect(slackRows.every((row) => row.state === 'done')).toBe(true);
    expect(slack.messages).toHaveLength(slackRows.length);
    const firstKeys = slackRows
      .filter((row) => row.key.endsWith(':1'))
      .map((row) => row.key);
    expect(firstKeys).toHaveLength(firsts.length);
  });

  it('never shows a phone number or an IP address whole in Slack, and stays within Block Kit limits', () => {
    expect(slack.received.length).toBeGreaterThan(0);
    // Link targets on the local servers (the service, the fake Sentry) are ours;
    // everything else is what a person reads.
    const ownUrls = [/<http:\/\/(?:localhost|127\.0\.0\.1):\d+\/[^|>]*\|/g];
    for (const message of slack.received) {
      expect(findPersonalData(JSON.stringify(message), ownUrls)).toEqual([]);
      const blocks = message.blocks as { text?: { text: string } }[];
      expect(blocks.length).toBeLessThan(50);
      for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThan(3000);
    }
    expect(JSON.stringify(slack.received)).toMatch(/\+57300•••\d{4}/);
  });

  it('shows each write-back of an incident with its state and attempts', async () => {
    const incident = incidents.find(
      (candidate) => candidate.cause === 'backend_revocation',
    );
    const response = await getApi(running.url, `/api/incidents/${incident?.id}`);
    const body = (await response.json()) as {
      writebacks: {
        target: string;
        state: string;
        attempts: number;
        lastError: string | null;
      }[];
    };
    const targets = new Set(body.writebacks.map((writeback) => writeback.target));
    expect(targets).toEqual(new Set(['sentry_event', 'sentry_comment', 'slack']));
    for (const writeback of body.writebacks) {
      expect(['done', 'superseded']).toContain(writeback.state);
      if (writeback.state === 'done')
        expect(writeback.attempts).toBeGreaterThanOrEqual(1);
    }
  });

  it('exports the outbox by state on /metrics', async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(/^logout_lens_writebacks\{state="done"\} [1-9]\d*$/m);
    expect(text).toMatch(/^logout_lens_writebacks\{state="failed"\} 0$/m);
  });

  it('ignores the comment.created webhooks our own comments fire', async () => {
    const before = sentry.comments.length;
    const own = sentry.comments[0];
    const body = JSON.stringify({
      action: 'created',
      installation: { uuid: 'x' },
      data: { comment_id: own?.id, issue_id: own?.issueId, comment: own?.text },
      actor: { type: 'application', id: 'logout-lens', name: 'logout-lens' },
    });
    const response = await deliver(running.url, body, {
      'sentry-hook-resource': 'comment',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ignored' });
    await new Promise((done) => setTimeout(done, 200));
    expect(sentry.comments.length).toBe(before);
  });
});
