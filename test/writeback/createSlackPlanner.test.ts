import { parseServiceConfig } from '../../src/config/serviceConfig';
import { createIncidentLinks } from '../../src/links/createIncidentLinks';
import { createLogger } from '../../src/logging/createLogger';
import type { Incident } from '../../src/model/Incident';
import { createSlackPlanner } from '../../src/slack/createSlackPlanner';
import { createSqliteStore } from '../../src/store/createSqliteStore';
import { LogLines } from '../webhook/LogLines';

const logger = createLogger({ level: 'silent', destination: new LogLines() });
const T0 = Date.parse('2026-01-03T10:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function incident(id: string, user: string): Incident {
  return {
    id,
    user,
    cause: 'backend_revocation',
    status: 'confirmed',
    fingerprint: 'fp-a',
    title: 'Sessions revoked from spa/views/packages.py in post',
    trigger: {
      frames: [
        {
          file: 'spa/views/packages.py',
          function: 'post',
          line: 57,
          code: null,
          abs_path: '/app/spa/views/packages.py',
        },
      ],
      truncated: false,
    },
    action: null,
    sessions: [],
    first_seen: new Date(T0).toISOString(),
    last_seen: new Date(T0).toISOString(),
    evidence_gaps: [],
    signals: [],
    failed_jtis: [],
  };
}

describe('createSlackPlanner (Alertmanager-style grouping, default intervals)', () => {
  it('waits group_wait for the first message, group_interval for new incidents, repeat_interval for changes', async () => {
    let clock = T0;
    const now = () => new Date(clock);
    const store = await createSqliteStore({ path: ':memory:', logger, now });
    const config = parseServiceConfig({
      SLACK_WEBHOOK_URL: 'http://127.0.0.1:1/hook',
    }).writeback;
    const links = createIncidentLinks({
      publicUrl: 'http://x',
      secret: 's',
      ttlMs: 1000,
      now,
    });
    const plan = createSlackPlanner({ store, config, links, logger, now });
    const note = async (item: Incident, version: string) =>
      store.applyAnalysis({
        upserts: [item],
        removals: [],
        analyzedVersion: 0,
        slackNotes: [
          {
            incidentId: item.id,
            version,
            fingerprint: 'fp-a',
            user: item.user,
            notedAtMs: clock,
          },
        ],
      });
    const messages = async () =>
      (await store.listWritebacks('i1'))
        .concat(await store.listWritebacks('i2'))
        .sort((a, b) => a.id - b.id);
    const keys = async () => [...new Set((await messages()).map((m) => m.key))];

    await note(incident('i1', '+573001111111'), 'v1');
    clock = T0 + 29 * SECOND;
    await plan();
    expect(await keys()).toEqual([]);

    clock = T0 + 30 * SECOND;
    await plan();
    expect(await keys()).toEqual([expect.stringMatching(/^slack:[0-9a-f]{16}:1$/)]);

    // A new incident of the same root cause: a digest after group_interval (5m).
    clock = T0 + 31 * SECOND;
    await note(incident('i2', '+573002222222'), 'v1');
    clock = T0 + 5 * MINUTE + 29 * SECOND;
    await plan();
    expect(await keys()).toHaveLength(1);
    clock = T0 + 5 * MINUTE + 30 * SECOND;
    await plan();
    expect(await keys()).toHaveLength(2);

    // Only a known incident changed: the next digest waits repeat_interval (4h).
    clock = T0 + 6 * MINUTE;
    await note(incident('i1', '+573001111111'), 'v2');
    clock = T0 + 4 * 60 * MINUTE + 5 * MINUTE;
    await plan();
    expect(await keys()).toHaveLength(2);
    clock = T0 + 4 * 60 * MINUTE + 5 * MINUTE + 30 * SECOND;
    await plan();
    expect(await keys()).toHaveLength(3);

    const payloads = [
      ...new Map((await messages()).map((m) => [m.key, m.payload])).values(),
    ] as {
      text: string;
    }[];
    expect(payloads.map((payload) => payload.text)).toEqual([
      'New logout cause: Sessions revoked from spa/views/packages.py in post',
      'Still happening: Sessions revoked from spa/views/packages.py in post: 1 new incident (1 user) since 2026-01-03T10:00:30.000Z',
      'Still happening: Sessions revoked from spa/views/packages.py in post: 1 updated incident (1 user) since 2026-01-03T10:05:30.000Z',
    ]);
    await store.close();
  });

  it('closes the notes of a fingerprint whose incidents a re-analysis removed, so no pass reads them again', async () => {
    const clock = T0;
    const now = () => new Date(clock);
    const store = await createSqliteStore({ path: ':memory:', logger, now });
    const config = parseServiceConfig({
      SLACK_WEBHOOK_URL: 'http://127.0.0.1:1/hook',
      SLACK_GROUP_WAIT: '0s',
    }).writeback;
    const links = createIncidentLinks({
      publicUrl: 'http://x',
      secret: 's',
      ttlMs: 1000,
      now,
    });
    const plan = createSlackPlanner({ store, config, links, logger, now });
    const gone = incident('i1', '+573001111111');
    await store.applyAnalysis({
      upserts: [gone],
      removals: [],
      analyzedVersion: 0,
      slackNotes: [
        {
          incidentId: 'i1',
          version: 'v1',
          fingerprint: 'fp-a',
          user: gone.user,
          notedAtMs: clock,
        },
      ],
    });
    await store.applyAnalysis({ upserts: [], removals: ['i1'], analyzedVersion: 1 });
    expect(await store.pendingSlackNotes()).toHaveLength(1);

    await plan();

    expect(await store.pendingSlackNotes()).toEqual([]);
    expect(await store.listWritebacks('i1')).toEqual([]);
    await store.close();
  });
});
