import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

import {
  generateStream,
  renderStream,
  STREAM_SHAPES,
  writeStream,
} from '../../bench/generateStream';
import type { StreamRecord } from '../../bench/generateStream';
import { messageOf } from '../../bench/generator/render/messageLines';
import { scoreIncidents } from '../helpers/scoreIncidents';
import type { TruthIncident } from '../helpers/scoreIncidents';
import { analyzeFiles, removeTempFiles, tempFile } from './support/analyze';

afterAll(removeTempFiles);

/** Checks of the generator itself: what the analyzer tests rely on. */
const options = { seed: 5, hours: 2, stories: 30, fillerRatio: 0.8 };
const stream = generateStream(options);

function stackFrames(record: StreamRecord): number {
  return (messageOf(record).match(/\n {2}File "/g) ?? []).length;
}

describe('generateStream', () => {
  test('the same seed gives the same records and truth; another seed does not', () => {
    const again = generateStream(options);
    const other = generateStream({ ...options, seed: 6 });

    expect(renderStream(again.records, 'heroku')).toBe(
      renderStream(stream.records, 'heroku'),
    );
    expect(again.truth).toEqual(stream.truth);
    expect(other.truth).not.toEqual(stream.truth);
  });

  test('records come in log-time order', () => {
    const times = stream.records.map((r) => r.timeUs);

    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  test('session lines are a few percent of the records, stories many', () => {
    const tagged = stream.records.filter((r) =>
      /^\[(SESSION|REVOKE)/.test(r.template),
    ).length;

    expect(tagged / stream.records.length).toBeLessThan(0.25);
    expect(stream.truth.length).toBeGreaterThanOrEqual(15);
  });

  test('one group, one cause and one outermost trigger frame; a user has one incident per cause', () => {
    const byGroup = new Map<string, TruthIncident>();
    for (const t of stream.truth) {
      const first = byGroup.get(t.group) ?? t;
      byGroup.set(t.group, first);
      expect({ group: t.group, cause: t.cause, outer: t.trigger_outer }).toEqual({
        group: t.group,
        cause: first.cause,
        outer: first.trigger_outer,
      });
    }
    const userCauses = stream.truth.map((t) => `${t.user} ${t.cause}`);
    expect(new Set(userCauses).size).toBe(userCauses.length);
  });

  test('whole revocation stacks have 20 to about 40 frames', () => {
    const sizes = stream.records
      .filter((r) => /^\[(REVOKE_ALL_SESSIONS|SESSION_DEACTIVATED)\]/.test(r.template))
      .filter((r) => !messageOf(r).endsWith('...'))
      .map(stackFrames)
      .filter((n) => n > 12);

    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
  });
});

describe('renderStream', () => {
  test('syslog frames carry their length in UTF-8 bytes', () => {
    const lines = renderStream(stream.records, 'syslog').split('\n').filter(Boolean);

    for (const line of lines.slice(0, 2000)) {
      const space = line.indexOf(' ');
      expect(Number(line.slice(0, space))).toBe(Buffer.byteLength(line.slice(space + 1)));
    }
  });

  test('Sentry bodies are compact ASCII JSON, breadcrumbs of the same request only', () => {
    const lines = renderStream(stream.records, 'sentry').split('\n').filter(Boolean);

    for (const line of lines) {
      expect(line).toMatch(/^[\x20-\x7e]*$/);
      const body = JSON.parse(line) as {
        data: {
          event: { timestamp: number; breadcrumbs: { values: { timestamp: number }[] } };
        };
      };
      const event = body.data.event;
      for (const crumb of event.breadcrumbs.values)
        expect(crumb.timestamp).toBeLessThanOrEqual(event.timestamp);
    }
    expect(lines[0]).toMatch(/^\{"action":"triggered","installation":/);
  });

  test('docker lines carry nine fraction digits and Z', () => {
    const first = renderStream(stream.records.slice(0, 5), 'docker').split('\n')[0];

    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
  });

  test.each(STREAM_SHAPES)('%s renders every story record', (shape) => {
    const text = renderStream(stream.records, shape);

    for (const t of stream.truth) expect(text).toContain(t.user);
  });
});

describe('writeStream', () => {
  test('writes about the target size, gzipped, with its truth beside it, and analyses clean', async () => {
    const path = tempFile('written.heroku.log.gz', '');

    const written = await writeStream(path, 'heroku', { seed: 9, targetBytes: 400_000 });

    const text = gunzipSync(readFileSync(path)).toString('utf8');
    expect(Buffer.byteLength(text)).toBe(written.bytes);
    expect(written.bytes).toBeGreaterThanOrEqual(400_000);
    expect(written.bytes).toBeLessThan(1_200_000);
    expect(JSON.parse(readFileSync(`${path}.truth.json`, 'utf8'))).toEqual(written.truth);
    const result = await analyzeFiles([path]);
    expect(scoreIncidents(written.truth, result.incidents)).toEqual([]);
  });
});
