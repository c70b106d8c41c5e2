import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Incident } from '../../src/model/Incident';
import { createLogger } from '../../src/logging/createLogger';
import { createSlackNotifier } from '../../src/slack/createSlackNotifier';
import { digestMessage, firstSeenMessage } from '../../src/slack/slackMessages';
import { maskPersonalData } from '../../src/writeback/maskPersonalData';
import leaky from '../fixtures/writeback/leakyIncident.json';
import { LogLines } from '../webhook/LogLines';
import { removeTempDirs, TOKEN, type TestService } from '../webhook/serviceHarness';
import { type FakeSlack, startFakeSlack } from './fakeSlack';
import { findPersonalData } from './findPersonalData';
import {
  drained,
  outboxCounts,
  startWritebackService,
  waitFor,
} from './writebackHarness';

const incident = leaky as Incident;
const logger = createLogger({ level: 'silent', destination: new LogLines() });
const links = {
  incidentPage: 'https://lens.example.com/incidents/9f2c41d7e3a8b650?sig=1767225600.abc',
  sentryIssue: 'https://sentry.example.com/organizations/acme/issues/?query=x',
};
const ownUrls = [/https:\/\/lens\.example\.com\/incidents\/\w+\?sig=\d+\.[\w-]+/g];

describe('Slack payloads with phone numbers and addresses in every format', () => {
  let slack: FakeSlack;

  beforeAll(async () => {
    slack = await startFakeSlack();
  });

  afterAll(async () => {
    await slack.close();
  });

  it('reach Slack with no seven digits, IPv4 or IPv6 address left whole in any field', async () => {
    const notifier = createSlackNotifier({
      webhookUrl: slack.url,
      fetch,
      logger,
      now: () => new Date(),
    });
    const first = firstSeenMessage(incident, { incidents: 2, users: 2 }, links);
    const digest = digestMessage(
      incident,
      { incidents: 3, newIncidents: 1, users: 2, sinceIso: '2026-01-04T08:40:00.000Z' },
      links,
    );
    // A field the builders do not mask, as a later change might add one.
    const extra = { ...first, username: 'bot for +57 300 123 4567 at 10.1.2.3' };
    for (const message of [first, digest, extra]) {
      expect(await notifier.send(message)).toMatchObject({ kind: 'delivered' });
    }

    expect(slack.received).toHaveLength(3);
    const serialized = JSON.stringify(slack.received);
    expect(findPersonalData(serialized, ownUrls)).toEqual([]);
    expect(serialized).toContain('+57 300 ••• 4567');
    expect(serialized).toContain('10.•••.•••.•••');
    // The links still open: their targets are left as they were.
    expect(serialized).toContain(`<${links.incidentPage}|Open in logout-lens>`);
  });
});

describe('maskPersonalData', () => {
  it.each([
    ['+57 300 123 4567', '+57 300 ••• 4567'],
    ['+57-300-123-4567', '+57-300-•••-4567'],
    ['(+57) 3001234567', '(+57) 300•••4567'],
    ['3007654321', '300•••4321'],
    ['573001234567', '57300•••4567'],
    ['session:+573001234567_web', 'session:+57300•••4567_web'],
    ['+573001234567abc', '+57300•••4567abc'],
    ['user%2B573001234567', 'user%2B57300•••4567'],
    ['short +1234567', 'short +12•••'],
    ['host_10.1.2.3', 'host_10.•••.•••.•••'],
    ['ip:2001:db8::1', 'ip:2001:•••'],
    ['[fe80::1%eth0]:443', '[fe80:•••]:443'],
    ['::ffff:10.1.2.3', '::•••'],
    ['IP: 181.49.12.7, from 2800:e2:9c00:1e1::12', 'IP: 181.•••.•••.•••, from 2800:•••'],
  ])('masks %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it('leaves dates, times, versions, UUIDs, scope operators and digit runs inside JTIs alone', () => {
    const text =
      '2026-01-03T10:00:00.000Z at 10:00:00.123 spa@2026.01.2 std::vector ' +
      'session 2d140ed8-9cb6-463d-a9bf-ec51f0651622 JTI e6201234567a95cc5762e358a8d45cb9';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('is idempotent on masked text', () => {
    const once = maskPersonalData('+573001234567 10.1.2.3 2001:db8::1');
    expect(maskPersonalData(once)).toBe(once);
  });
});

describe('the Slack feed of an uploaded log whose USER_SAVE and stack carry every format', () => {
  let slack: FakeSlack;
  let running: TestService;

  beforeAll(async () => {
    slack = await startFakeSlack();
    running = await startWritebackService({
      slack,
      env: { SLACK_GROUP_WAIT: '0s', PUBLIC_URL: 'https://lens.example.com' },
    });
  });

  afterAll(async () => {
    await running.service.close();
    await slack.close();
    removeTempDirs();
  });

  it('posts the incident with the changes shown and nothing personal left whole', async () => {
    const response = await fetch(`${running.url}/api/reanalyze`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: readFileSync(join(__dirname, '../fixtures/writeback/leakyUserSave.log')),
    });
    expect(response.status).toBe(200);
    await waitFor(() => outboxCounts(running.dir), drained);

    expect(slack.received.length).toBeGreaterThan(0);
    const serialized = JSON.stringify(slack.received);
    // The changes did reach the message, masked.
    expect(serialized).toContain('phone: +57 300 ••• 4567 -&gt; 300•••4321');
    expect(findPersonalData(serialized, ownUrls)).toEqual([]);
  });
});
