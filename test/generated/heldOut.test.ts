import { gzipSync } from 'node:zlib';

import { generateStream, renderStream, STREAM_SHAPES } from '../../bench/generateStream';
import type {
  GeneratedStream,
  RenderOptions,
  StreamShape,
} from '../../bench/generateStream';
import { scoreIncidents } from '../helpers/scoreIncidents';
import { analyzeFiles, removeTempFiles, tempFile } from './support/analyze';
import { scoreShape } from './support/scoreStream';

afterAll(removeTempFiles);

/**
 * Streams "of the same kind" as the samples but not the samples: other code
 * paths, frame orders, JTI styles and shapes, each seed with its own
 * deployment (Python layout, worker class, middlewares, languages) and its
 * own rendering quirks.
 */
const SEEDS: { seed: number; render: RenderOptions }[] = [
  { seed: 101, render: {} },
  {
    seed: 202,
    render: {
      utcOffsetMinutes: -420,
      syslogNewlines: false,
      jsonFlavour: 'ecs',
      msSeparator: '.',
    },
  },
  {
    seed: 303,
    render: {
      jsonFlavour: 'epoch',
      ansi: true,
      duplicateRate: 0.02,
      dockerAppFormat: 'asctime',
    },
  },
  {
    seed: 404,
    render: { jsonFlavour: 'structlog', maxLagMs: 60_000, interleaveRate: 0.5 },
  },
];

const streams = new Map<number, GeneratedStream>();
function streamOf(seed: number): GeneratedStream {
  let stream = streams.get(seed);
  if (!stream) {
    stream = generateStream({ seed, hours: 3, stories: 40, fillerRatio: 0.8 });
    streams.set(seed, stream);
  }
  return stream;
}

describe.each(SEEDS)('held-out stream, seed $seed', ({ seed, render }) => {
  test('holds incidents of every cause', () => {
    const causes = new Set(streamOf(seed).truth.map((t) => t.cause));

    expect([...causes].sort()).toEqual(
      expect.arrayContaining(['backend_revocation', 'rotation_race', 'stale_token']),
    );
  });

  test.each(STREAM_SHAPES)(
    '%s yields exactly the generated truth',
    async (shape: StreamShape) => {
      const { problems } = await scoreShape(
        streamOf(seed),
        shape,
        { seed, ...render },
        `held-${seed}`,
      );

      expect(problems).toEqual([]);
    },
  );
});

describe('held-out stream, several inputs at once', () => {
  test('all eight shapes of one stream given together merge into the same incidents', async () => {
    const stream = streamOf(101);
    const paths = STREAM_SHAPES.map((shape) =>
      tempFile(
        `merged-101.${shape}.log`,
        renderStream(stream.records, shape, { seed: 101 }),
      ),
    );

    const result = await analyzeFiles(paths);

    expect(scoreIncidents(stream.truth, result.incidents)).toEqual([]);
  });

  test('a gzipped heroku stream yields the same incidents as the plain one', async () => {
    const stream = streamOf(303);
    const text = renderStream(stream.records, 'heroku', { seed: 303, interleaveRate: 0 });
    const path = tempFile('held-303.heroku.log.gz', gzipSync(text));

    const result = await analyzeFiles([path]);

    expect(scoreIncidents(stream.truth, result.incidents)).toEqual([]);
  });
});
