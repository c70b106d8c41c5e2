import { parseServiceConfig } from '../../src/config/serviceConfig';
import { createIncidentLinks } from '../../src/links/createIncidentLinks';
import type { Incident } from '../../src/model/Incident';
import { COMMENT_MARK, isOwnComment } from '../../src/sentry/commentText';
import { createWritebackPlanner } from '../../src/writeback/createWritebackPlanner';

const now = () => new Date('2026-01-03T12:00:00Z');

function incident(id: string, cause: Incident['cause'], issueIds: string[]): Incident {
  return {
    id,
    user: '+573001234567',
    cause,
    status: 'confirmed',
    fingerprint: `${cause}:fp`,
    title: 't',
    trigger: null,
    action: null,
    sessions: [],
    first_seen: null,
    last_seen: null,
    evidence_gaps: [],
    signals: issueIds.map((issueId) => ({
      tag: 'SESSION_REFRESH_FAILED',
      kind: 'refresh_failed',
      at: '2026-01-03T10:00:00.000Z',
      message: '[SESSION_REFRESH_FAILED] x',
      source: 'sentry:e',
      issueId,
    })),
    failed_jtis: [],
  };
}

function planner(env: NodeJS.ProcessEnv) {
  const config = parseServiceConfig({
    SENTRY_INCIDENTS_DSN: 'http://k@127.0.0.1:1/1',
    SENTRY_AUTH_TOKEN: 't',
    SENTRY_ORG: 'acme',
    SLACK_WEBHOOK_URL: 'http://127.0.0.1:1/hook',
    ...env,
  }).writeback;
  const links = createIncidentLinks({
    publicUrl: 'http://x',
    secret: 's',
    ttlMs: 1000,
    now,
  });
  return Object.assign(createWritebackPlanner({ config, links, now }), { links });
}

describe('createWritebackPlanner', () => {
  const backend = incident('b1', 'backend_revocation', ['11', '12', '11']);
  const expected = incident('e1', 'expected_revocation', ['13']);

  it('plans an event, one comment per source issue and a Slack note per incident version', () => {
    const plan = planner({}).plan([backend, expected], [backend, expected]);

    expect(plan.writebacks.map((writeback) => writeback.key)).toEqual([
      expect.stringMatching(/^sentry_event:b1:[0-9a-f]{16}$/),
      'sentry_comment:b1:11',
      'sentry_comment:b1:12',
      // Expected revocations explain the source issue's failure, so they are commented...
      'sentry_comment:e1:13',
    ]);
    // ...but stay out of Sentry events and Slack without SENTRY_REPORT_EXPECTED.
    expect(plan.slackNotes.map((note) => note.incidentId)).toEqual(['b1']);
  });

  it('reports expected revocations too with SENTRY_REPORT_EXPECTED=true', () => {
    const plan = planner({ SENTRY_REPORT_EXPECTED: 'true' }).plan([expected], [expected]);
    expect(plan.writebacks.map((writeback) => writeback.target)).toEqual([
      'sentry_event',
      'sentry_comment',
    ]);
    expect(plan.slackNotes).toHaveLength(1);
  });

  it('gives the same event id to the same version, another to a changed one', () => {
    const first = planner({}).plan([backend], [backend]).writebacks[0]?.payload as {
      eventId: string;
    };
    const again = planner({}).plan([backend], [backend]).writebacks[0]?.payload as {
      eventId: string;
    };
    const changed = { ...backend, status: 'suspected' as const };
    const other = planner({}).plan([changed], [changed]).writebacks[0]?.payload as {
      eventId: string;
    };
    expect(first.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(again.eventId).toBe(first.eventId);
    expect(other.eventId).not.toBe(first.eventId);
  });

  it('plans nothing, and renders nothing, when no target is configured', () => {
    const none = planner({
      SENTRY_INCIDENTS_DSN: '',
      SENTRY_AUTH_TOKEN: '',
      SENTRY_ORG: '',
      SLACK_WEBHOOK_URL: '',
    });
    const urlFor = jest.spyOn(none.links, 'urlFor');
    expect(none.plan([backend, expected], [backend, expected])).toEqual({
      writebacks: [],
      slackNotes: [],
    });
    expect(urlFor).not.toHaveBeenCalled();

    // Any one target is enough to plan.
    const slackOnly = planner({
      SENTRY_INCIDENTS_DSN: '',
      SENTRY_AUTH_TOKEN: '',
      SENTRY_ORG: '',
    });
    expect(slackOnly.plan([backend], [backend]).slackNotes).toHaveLength(1);
  });

  it('plans nothing for a superseded incident', () => {
    const superseded = { ...backend, superseded_by: 'b2' };
    expect(planner({}).plan([superseded], [])).toEqual({
      writebacks: [],
      slackNotes: [],
    });
  });

  it('writes comments that are recognised as ours, for their incident only', () => {
    const plan = planner({}).plan([backend], [backend]);
    const text = (plan.writebacks[1]?.payload as { text: string }).text;
    expect(text.startsWith(COMMENT_MARK)).toBe(true);
    expect(text).toContain('Users hit by this root cause so far: 1');
    expect(text).toContain('http://x/incidents/b1?sig=');
    expect(isOwnComment(text, 'b1')).toBe(true);
    expect(isOwnComment(text, 'b2')).toBe(false);
    expect(isOwnComment('Looked at it')).toBe(false);
  });
});
