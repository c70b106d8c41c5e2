import { readFileSync } from 'node:fs';
import path from 'node:path';

import { detectFormat } from '../../src/readers/detectFormat';

const SAMPLES = path.join(__dirname, '../../../shared/samples/generated');

function sniff(file: string): string {
  return readFileSync(path.join(SAMPLES, file))
    .subarray(0, 64 * 1024)
    .toString('utf8');
}

describe('detectFormat', () => {
  it.each([
    ['heroku.log', 'heroku'],
    ['docker.log', 'docker'],
    ['django.log', 'django'],
    ['django2.log', 'django'],
    ['syslog.log', 'syslog'],
    ['jsonl.jsonl', 'jsonl'],
    ['sentry-webhooks.ndjson', 'sentry'],
    ['sentry-rest-events.json', 'sentry-rest'],
  ])('detects %s as %s', (file, format) => {
    expect(detectFormat(sniff(file))).toBe(format);
  });

  it.each([
    ['[{"event_id": "a", "breadcrumbs": {"values": []}}]', 'sentry'],
    ['[\n  {\n    "eventID": "a",\n    "entries": []\n  }\n]', 'sentry-rest'],
    ['{\n  "event_id": "a",\n  "logentry": {"formatted": "x"}\n}', 'sentry'],
    ['{"action":"triggered","data":{"event":{}}}\n', 'sentry'],
    [
      '{"event_id":"a","sent_at":"2026-01-03T10:00:00Z"}\n{"type":"event"}\n{"event_id":"a","message":"x"}\n',
      'sentry',
    ],
    ['{"level":"info","msg":"x","ts":1767434400}\n', 'jsonl'],
    [
      '[SESSION_REFRESH] Intentando refrescar token - JTI: abc123..., user_id: +57\n  File "/app/a.py", line 1, in f\n',
      'message',
    ],
    ['INFO:users.signals:[X_Y] z\n', 'django'],
    ['2026-01-03 10:00:00,123 INFO users.signals [X_Y] z\n', 'django'],
    ['web-1  | 2026-01-03T10:00:00.000000000Z [X_Y] z\n', 'docker'],
    ['\x1b[32m2026-01-03T10:00:00Z app[web.1]: [X_Y] z\x1b[0m\n', 'heroku'],
    ['2026-01-03T10:00:00Z heroku[router]: at=info dyno=web.1 status=200\n', 'heroku'],
  ])('detects %p as %s', (sample, format) => {
    expect(detectFormat(sample, true)).toBe(format);
  });

  it('recognises a Sentry body whose first line is longer than the sample', () => {
    const cut =
      '{"action":"triggered","installation":{"uuid":"u"},"data":{"event":{"event_id":"';
    expect(detectFormat(cut + 'a'.repeat(1000), false)).toBe('sentry');
  });

  it('gives null for text it cannot place', () => {
    expect(detectFormat('hello\nworld\n', true)).toBeNull();
  });
});
