import type { Incident } from '../../src/model/Incident';
import {
  codeSection,
  MAX_BLOCKS,
  section,
  withinBlockLimit,
} from '../../src/slack/slackBlocks';
import { digestMessage, firstSeenMessage } from '../../src/slack/slackMessages';

const incident: Incident = {
  id: 'abc',
  user: '+573001234567',
  cause: 'backend_revocation',
  status: 'confirmed',
  fingerprint: 'fp',
  title: 'Sessions revoked from spa/views/packages.py in post',
  trigger: {
    frames: Array.from({ length: 400 }, (_, index) => ({
      file: `spa/module_${index}/views_with_a_rather_long_name.py`,
      function: `handler_${index}`,
      line: index + 1,
      code: null,
      abs_path: `/app/spa/views/module_${index}.py`,
    })),
    truncated: false,
  },
  action: {
    tag: 'ADMIN_CREATE_APPOINTMENT',
    actor: '+573009876543',
    detail: 'IP 10.1.2.3',
  },
  sessions: [],
  first_seen: '2026-01-03T10:00:00.000Z',
  last_seen: '2026-01-03T10:00:00.000Z',
  evidence_gaps: [],
  signals: [],
  failed_jtis: [],
};
const links = { incidentPage: 'https://lens/incidents/abc?sig=1.x', sentryIssue: null };

describe('Slack messages', () => {
  it('shortens a long trigger stack by whole lines, under 3000 characters per section', () => {
    const message = firstSeenMessage(incident, { incidents: 1, users: 1 }, links);
    const blocks = message.blocks as { type: string; text?: { text: string } }[];
    const stack =
      blocks.find((block) => block.text?.text.startsWith('*Trigger'))?.text?.text ?? '';

    expect(stack.length).toBeLessThan(3000);
    expect(stack).toMatch(/\n… \d+ more lines$/);
    const lines = stack.split('\n').slice(1, -1);
    lines[0] = lines[0]?.replace(/^```/, '') ?? '';
    lines[lines.length - 1] = lines.at(-1)?.replace(/```$/, '') ?? '';
    for (const [index, line] of lines.entries()) {
      expect(line).toBe(
        `spa/module_${index}/views_with_a_rather_long_name.py:${index + 1} in handler_${index}`,
      );
    }
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThan(3000);
  });

  it('masks the first user, the actor and IPs in the action', () => {
    const text = JSON.stringify(
      firstSeenMessage(incident, { incidents: 2, users: 2 }, links),
    );
    expect(text).toContain('+57300•••4567');
    expect(text).toContain('+57300•••6543');
    expect(text).not.toContain('10.1.2.3');
  });

  it('counts incidents and users since the last message in a digest', () => {
    const message = digestMessage(
      incident,
      { incidents: 5, newIncidents: 3, users: 4, sinceIso: '2026-01-03T10:05:00.000Z' },
      { ...links, sentryIssue: 'https://sentry.io/organizations/acme/issues/?query=x' },
    );
    expect(message.text).toBe(
      'Still happening: Sessions revoked from spa/views/packages.py in post: 3 new incidents and 2 updated incidents (4 users) since 2026-01-03T10:05:00.000Z',
    );
    expect(JSON.stringify(message.blocks)).toContain('|Sentry issue>');
  });

  it('keeps a message under 50 blocks', () => {
    const many = Array.from({ length: 80 }, (_, index) => section(`part ${index}`));
    const kept = withinBlockLimit(many);
    expect(kept).toHaveLength(MAX_BLOCKS);
    expect(JSON.stringify(kept.at(-1))).toContain('31 more parts left out');
    expect(codeSection('x', ['a']).type).toBe('section');
  });
});
