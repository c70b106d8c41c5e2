import { generateStream, renderStream } from '../../bench/generateStream';
import type {
  GeneratedStream,
  RenderOptions,
  StreamShape,
} from '../../bench/generateStream';
import { scoreIncidents } from '../helpers/scoreIncidents';
import { analyzeFiles, removeTempFiles, tempFile } from './support/analyze';
import { scoreShape } from './support/scoreStream';

afterAll(removeTempFiles);

/** A busy stream: every story kind among ordinary lines, tracebacks, quiet users and a deploy. */
let stream: GeneratedStream;
beforeAll(() => {
  stream = generateStream({ seed: 77, hours: 2, stories: 30, fillerRatio: 0.85 });
});

async function expectTruth(shape: StreamShape, render: RenderOptions) {
  const { problems } = await scoreShape(stream, shape, render, 'shapes');
  expect(problems).toEqual([]);
}

describe('platform streams of several dynos', () => {
  test.each(['heroku', 'syslog'] as StreamShape[])(
    "%s: another dyno's line inside every stack it can land in, same instant",
    (shape) => expectTruth(shape, { interleaveRate: 1, maxLagMs: 0 }),
  );

  // Sorted by time, the other dyno's line would follow the whole stack: the same verdicts
  // are due however far apart the dynos are, within SPEC §1's 5 minutes.
  test.each([
    ['heroku', 3_000],
    ['syslog', 3_000],
    ['heroku', 30_000],
    ['syslog', 30_000],
    ['heroku', 150_000],
    ['syslog', 150_000],
  ] as [StreamShape, number][])(
    "%s: another dyno's line inside every stack it can land in, dynos up to %d ms apart",
    (shape, maxLagMs) => expectTruth(shape, { interleaveRate: 1, maxLagMs }),
  );

  test.each(['heroku', 'syslog', 'jsonl'] as StreamShape[])(
    '%s: dynos delivered up to 4 minutes apart, stacks whole',
    (shape) =>
      expectTruth(shape, { interleaveRate: 0, maxLagMs: 240_000, jsonFlavour: 'ecs' }),
  );

  test.each(['heroku', 'syslog', 'sentry'] as StreamShape[])(
    '%s: one record in five delivered twice',
    (shape) => expectTruth(shape, { duplicateRate: 0.2, interleaveRate: 0 }),
  );

  test('syslog: frames back to back without newlines, as a drain body', () =>
    expectTruth('syslog', { syslogNewlines: false }));

  test.each(['heroku', 'syslog'] as StreamShape[])(
    '%s: times written at -07:00',
    (shape) => expectTruth(shape, { utcOffsetMinutes: -420 }),
  );
});

describe('one process console', () => {
  test.each(['verbose', 'bracket', 'asctime', 'level-logger'] as const)(
    'docker --timestamps with the %s app prefix',
    (dockerAppFormat) => expectTruth('docker', { dockerAppFormat }),
  );

  test.each(['django-verbose', 'django-bracket', 'django-asctime'] as StreamShape[])(
    '%s with a dot before the milliseconds and ANSI colours',
    (shape) => expectTruth(shape, { msSeparator: '.', ansi: true }),
  );
});

describe('local times', () => {
  test.each(['django-asctime', 'django-verbose', 'docker'] as StreamShape[])(
    '%s written in Bogotá time, read with --timezone America/Bogota',
    async (shape) => {
      const text = renderStream(stream.records, shape, { consoleOffsetMinutes: -300 });
      const result = await analyzeFiles(
        [tempFile(`bogota.${shape}.log`, text)],
        ['--timezone', 'America/Bogota'],
      );

      expect(scoreIncidents(stream.truth, result.incidents)).toEqual([]);
    },
  );

  test('a Bogotá-time console and a UTC Heroku stream merge into the same incidents', async () => {
    const local = renderStream(stream.records, 'django-bracket', {
      consoleOffsetMinutes: -300,
    });
    const heroku = renderStream(stream.records, 'heroku');
    const paths = [
      tempFile('bogota.console.log', local),
      tempFile('utc.heroku.log', heroku),
    ];

    const result = await analyzeFiles(paths, ['--timezone', 'America/Bogota']);

    expect(scoreIncidents(stream.truth, result.incidents)).toEqual([]);
  });
});

describe('JSON lines', () => {
  test.each(['basic', 'ecs', 'epoch', 'structlog'] as const)(
    'the %s keys',
    (jsonFlavour) => expectTruth('jsonl', { jsonFlavour }),
  );
});

describe('Sentry webhooks', () => {
  // A breadcrumb cut inside its first line is the same line as its event
  // (sentryBreadcrumbs.test.ts has the focused case).
  test('breadcrumbs cut at 512 characters as older SDKs do, the events whole', () =>
    expectTruth('sentry', { breadcrumbMaxChars: 512 }));

  test('events delivered up to a minute out of order', () =>
    expectTruth('sentry', { maxLagMs: 60_000 }));
});
