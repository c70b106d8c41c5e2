import { generateStream, renderStream } from '../generateStream';
import type { RenderOptions, StreamShape } from '../generateStream';
import type { SkimCheckCase } from './SkimCheckCase';

// Each a shape the readers take, with the render options that stress them.
const SINGLE: [StreamShape, RenderOptions][] = [
  ['heroku', {}],
  ['heroku', { interleaveRate: 1, maxLagMs: 30_000, duplicateRate: 0.2 }],
  ['heroku', { utcOffsetMinutes: -420, ansi: true }],
  ['docker', { dockerAppFormat: 'level-logger' }],
  ['docker', { dockerAppFormat: 'verbose', ansi: true }],
  ['django-verbose', {}],
  ['django-asctime', { consoleOffsetMinutes: -300 }],
  ['jsonl', {}],
  ['syslog', {}],
  ['sentry', { breadcrumbMaxChars: 120 }],
];

/**
 * Generated streams of about `bytes` each (Heroku's size; other shapes of
 * the same records are larger or smaller): every shape alone, the same
 * records as a Heroku log and a Sentry export together (each line twice),
 * with CR LF line ends, and one file given twice.
 */
export function generatedCases(seed: number, bytes: number): SkimCheckCase[] {
  // An hour's size at the default density, to size the streams.
  const probe = generateStream({ seed, hours: 1, stories: 10 });
  const hourBytes = Buffer.byteLength(renderStream(probe.records, 'heroku'));
  const hours = Math.max(0.05, bytes / hourBytes);
  const { records } = generateStream({ seed, hours, stories: Math.ceil(10 * hours) });

  const cases: SkimCheckCase[] = SINGLE.map(([shape, options], i) => ({
    name: `${shape} ${JSON.stringify(options)}`,
    files: { [`${i}-${shape}.log`]: renderStream(records, shape, { ...options, seed }) },
  }));
  const heroku = renderStream(records, 'heroku', { seed });
  const sentry = renderStream(records, 'sentry', { seed });
  cases.push(
    {
      name: 'heroku and sentry, same records',
      files: { 'h.log': heroku, 's.ndjson': sentry },
    },
    {
      name: 'sentry and heroku, same records',
      files: { 's.ndjson': sentry, 'h.log': heroku },
    },
    { name: 'heroku with CR LF', files: { 'crlf.log': heroku.replaceAll('\n', '\r\n') } },
    {
      name: 'heroku twice, and its first half',
      files: {
        'a.log': heroku,
        'b.log': heroku,
        'c.log': heroku.slice(0, heroku.length >> 1),
      },
    },
  );
  return cases;
}
