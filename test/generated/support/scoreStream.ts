import { generateStream, renderStream } from '../../../bench/generateStream';
import type {
  GeneratedStream,
  RenderOptions,
  StorySpec,
  StreamOptions,
  StreamShape,
} from '../../../bench/generateStream';
import type { WorldSettings } from '../../../bench/generator/StoryWorld';
import { LAYOUTS } from '../../../bench/generator/StackFrame';
import type { AnalysisResult } from '../../../src/model/Incident';
import { scoreIncidents } from '../../helpers/scoreIncidents';
import { analyzeText } from './analyze';

/** A deployment that stays put, so that a focused test shows only its own variation. */
export const PLAIN_WORLD: Partial<WorldSettings> = {
  layout: LAYOUTS[0],
  worker: 'sync',
  middlewares: 3,
  appMiddleware: false,
  skipOuter: 0,
  webDynos: ['web.1', 'web.2', 'web.3'],
  workerDynos: ['worker.1'],
  jtiStyles: ['hex'],
  englishShare: 0,
  deployAtUs: null,
  accessLog: false,
};

const EXTENSIONS: Record<StreamShape, string> = {
  heroku: 'log',
  syslog: 'log',
  docker: 'log',
  'django-verbose': 'log',
  'django-bracket': 'log',
  'django-asctime': 'log',
  jsonl: 'jsonl',
  sentry: 'ndjson',
};

export interface ScoredShape {
  result: AnalysisResult;
  /** scoreIncidents' problems: empty when the analysis matches the truth. */
  problems: string[];
}

/** Renders the stream in `shape`, analyses it in-process and scores it against its truth. */
export async function scoreShape(
  stream: GeneratedStream,
  shape: StreamShape,
  render: RenderOptions = {},
  name = 'stream',
): Promise<ScoredShape> {
  const text = renderStream(stream.records, shape, render);
  const result = await analyzeText(text, `${name}.${shape}.${EXTENSIONS[shape]}`);
  return { result, problems: scoreIncidents(stream.truth, result.incidents) };
}

/** A small stream of exactly `script`'s stories, no filler unless asked, in a plain deployment. */
export function scripted(
  script: StorySpec[],
  options: Partial<StreamOptions> = {},
): GeneratedStream {
  return generateStream({
    seed: 11,
    hours: 1,
    fillerRatio: 0,
    ...options,
    script,
    world: { ...PLAIN_WORLD, ...options.world },
  });
}
