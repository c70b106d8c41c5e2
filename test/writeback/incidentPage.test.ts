import { createIncidentLinks } from '../../src/links/createIncidentLinks';
import { renderIncidentPage } from '../../src/links/renderIncidentPage';
import type { Incident } from '../../src/model/Incident';
import { webhookFixture } from '../fixtures/webhook/webhookFixtures';
import {
  deliver,
  getApi,
  removeTempDirs,
  type TestService,
} from '../webhook/serviceHarness';
import { outboxRows, startWritebackService } from './writebackHarness';
import { startFakeSlack } from './fakeSlack';

afterAll(removeTempDirs);

const incident: Incident = {
  id: 'abc123',
  user: '+573001234567',
  cause: 'backend_revocation',
  status: 'confirmed',
  fingerprint: 'backend_revocation:x',
  title: 'Sessions revoked from <script>alert(1)</script>',
  trigger: {
    frames: [
      {
        file: 'spa/views/"packages".py',
        function: 'post',
        line: 57,
        code: '<b>user.save()</b>',
        abs_path: '/app/spa/views/"packages".py',
      },
    ],
    truncated: false,
  },
  action: null,
  sessions: [{ id: '1', jti: "j'1" }],
  first_seen: '2026-01-03T10:00:00.000Z',
  last_seen: '2026-01-03T10:00:01.000Z',
  evidence_gaps: ['<b>gap</b>'],
  signals: [
    {
      tag: 'REVOKE_ALL_SESSIONS',
      kind: 'revoke_start',
      at: '2026-01-03T10:00:00.000Z',
      message: '[REVOKE_ALL_SESSIONS] <img src=x onerror=alert(1)>',
      source: 'web.1',
      webUrl: 'javascript:alert(1)',
    },
  ],
  failed_jtis: [],
};

describe('renderIncidentPage', () => {
  it('escapes every value it shows, links only http(s) URLs', () => {
    const html = renderIncidentPage(incident);

    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>gap');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('spa/views/&quot;packages&quot;.py:57 in post');
    expect(html).toContain('j&#39;1');
  });
});

describe('createIncidentLinks', () => {
  const at = (iso: string) => () => new Date(iso);
  const options = { publicUrl: 'https://lens.example.com', secret: 's', ttlMs: 60_000 };

  it('accepts its own link until the TTL, then calls it expired', () => {
    const url = createIncidentLinks({
      ...options,
      now: at('2026-01-03T10:00:00Z'),
    }).urlFor('abc');
    const sig = new URL(url).searchParams.get('sig');
    expect(url).toMatch(
      /^https:\/\/lens\.example\.com\/incidents\/abc\?sig=\d+\.[\w-]{43}$/,
    );

    expect(
      createIncidentLinks({ ...options, now: at('2026-01-03T10:00:59Z') }).refusal(
        'abc',
        sig,
      ),
    ).toBeNull();
    expect(
      createIncidentLinks({ ...options, now: at('2026-01-03T10:01:01Z') }).refusal(
        'abc',
        sig,
      ),
    ).toBe('expired');
  });

  it('refuses another incident, a changed expiry, another secret and no signature', () => {
    const links = createIncidentLinks({ ...options, now: at('2026-01-03T10:00:00Z') });
    const sig = new URL(links.urlFor('abc')).searchParams.get('sig') ?? '';
    const [expires, mac] = sig.split('.');

    expect(links.refusal('abd', sig)).toBe('invalid');
    expect(links.refusal('abc', `${Number(expires) + 3600}.${mac}`)).toBe('invalid');
    expect(
      createIncidentLinks({
        ...options,
        secret: 't',
        now: at('2026-01-03T10:00:00Z'),
      }).refusal('abc', sig),
    ).toBe('invalid');
    expect(links.refusal('abc', undefined)).toBe('missing');
    expect(links.refusal('abc', ['a', 'b'])).toBe('missing');
  });

  it('refuses a signature whose last character differs only in bits the decoding ignores', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const secret of ['s', 'u', 'v', 'w']) {
      const links = createIncidentLinks({
        ...options,
        secret,
        now: at('2026-01-03T10:00:00Z'),
      });
      const sig = new URL(links.urlFor('abc')).searchParams.get('sig') ?? '';
      // 43 characters carry 258 bits for 256: the last one's two low bits are spare.
      const last = alphabet.indexOf(sig.slice(-1));
      const twin = `${sig.slice(0, -1)}${alphabet[last ^ 1]}`;
      expect(Buffer.from(twin.split('.')[1] ?? '', 'base64url')).toEqual(
        Buffer.from(sig.split('.')[1] ?? '', 'base64url'),
      );
      expect(links.refusal('abc', sig)).toBeNull();
      expect(links.refusal('abc', twin)).toBe('invalid');
    }
  });
});

describe('GET /incidents/:id', () => {
  let running: TestService;
  let link: string;

  beforeAll(async () => {
    // Slack carries the signed link; its payload is where a person finds it.
    const slack = await startFakeSlack();
    running = await startWritebackService({ slack, env: { SLACK_GROUP_WAIT: '0s' } });
    await deliver(running.url, webhookFixture('refreshFailed'));
    await getApi(running.url, '/api/incidents');
    const row = await (async () => {
      for (let i = 0; i < 100; i++) {
        const found = outboxRows(running.dir).find(
          (r) => r.target === 'slack' && r.state === 'done',
        );
        if (found) return found;
        await new Promise((done) => setTimeout(done, 50));
      }
      return null;
    })();
    expect(row).not.toBeNull();
    link = /<(http:\/\/localhost:\d+\/incidents\/[^|>]+)\|Open in logout-lens>/.exec(
      JSON.stringify(slack.messages[0]),
    )?.[1] as string;
    await slack.close();
  });

  afterAll(async () => {
    await running.service.close();
  });

  const local = (url: string) => url.replace(/^http:\/\/localhost:\d+/, running.url);

  it('opens the incident page from the link in Slack, without the API token', async () => {
    expect(link).toBeDefined();
    expect(
      link.startsWith(`http://localhost:${new URL(running.url).port}/incidents/`),
    ).toBe(true);

    const response = await fetch(local(link));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<h1>Refresh failed');
    expect(html).toContain('+573008369007');
  });

  it('shows nothing of the incident for a tampered, missing or foreign signature', async () => {
    const url = new URL(local(link));
    const sig = url.searchParams.get('sig') ?? '';
    const tampered = `${url.origin}${url.pathname}?sig=${sig.slice(0, -2)}${sig.endsWith('A') ? 'B' : 'A'}A`;
    const bare = `${url.origin}${url.pathname}`;
    const otherId = `${url.origin}/incidents/0000?sig=${sig}`;

    for (const target of [tampered, bare, otherId]) {
      const response = await fetch(target);
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).not.toContain('+573008369007');
      expect(html).not.toContain('Refresh failed');
    }
  });
});
