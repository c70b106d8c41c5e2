import { deployEvents } from './deployEvents';
import { Filler } from './filler';
import { MinHeap } from '../../src/readers/MinHeap';
import { Prng } from './Prng';
import type { StoryKind, StorySpec } from './stories/storyKinds';
import { DEFAULT_KIND_WEIGHTS, runStory } from './stories/storyKinds';
import type { RevocationRates } from './stories/revocationVariant';
import { DEFAULT_REVOCATION_RATES } from './stories/revocationVariant';
import type { StreamRecord, TruthIncident } from './StreamRecord';
import type { WorldSettings } from './StoryWorld';
import { defaultWorldSettings, StoryWorld } from './StoryWorld';

const SECOND = 1_000_000;
const MINUTE = 60 * SECOND;

export interface StreamOptions {
  seed: number;
  /** Log time over which stories start (their late failures may run past it). Default 6. */
  hours?: number;
  /** Random stories to tell. Default 10 an hour. Ignored with `script`. */
  stories?: number;
  /** Exactly these stories instead of random ones. */
  script?: StorySpec[];
  /** Share of records that are ordinary lines rather than story lines (0 to 1). Default 0.9. */
  fillerRatio?: number;
  /** Ordinary events a minute however few stories there are (0 with `fillerRatio: 0`). Default 2. */
  backgroundPerMinute?: number;
  /** Relative weights of random story kinds. */
  kinds?: Partial<Record<StoryKind, number>>;
  revocationRates?: Partial<RevocationRates>;
  /** ISO time of the stream's start; default a day in 2026 derived from the seed. */
  start?: string;
  /** Deployment facts to fix instead of drawing them from the seed. */
  world?: Partial<WorldSettings>;
  /** Called with each story as it starts: its kind, the variant drawn, and its truth. */
  onStory?: (story: StartedStory) => void;
}

/** A story as told: for reports and for finding the story behind a failed test. */
export interface StartedStory {
  kind: StoryKind;
  variant: unknown;
  t0Us: number;
  truth: TruthIncident[];
  users: string[];
}

interface Queued {
  record: StreamRecord;
  seq: number;
}

function startOf(options: StreamOptions): number {
  if (options.start) return Date.parse(options.start) * 1000;
  const day = Date.UTC(2026, 0, 3) + (options.seed % 300) * 86_400_000;
  return (day + 7 * 3_600_000) * 1000;
}

/** Which stories start in which minute. */
function plan(
  prng: Prng,
  options: StreamOptions,
  slices: number,
): Map<number, StorySpec[]> {
  const bySlice = new Map<number, StorySpec[]>();
  const add = (slice: number, spec: StorySpec) =>
    bySlice.set(slice, [...(bySlice.get(slice) ?? []), spec]);
  if (options.script) {
    options.script.forEach((spec, i) => {
      const minute =
        spec.atMinute ?? Math.floor(((i + 0.5) * slices) / options.script!.length);
      add(Math.min(Math.max(0, Math.floor(minute)), slices - 1), spec);
    });
    return bySlice;
  }
  const weights = { ...DEFAULT_KIND_WEIGHTS, ...options.kinds };
  const count = options.stories ?? Math.round(10 * (options.hours ?? 6));
  for (let i = 0; i < count; i++) {
    add(prng.int(0, slices - 1), { kind: prng.weighted(weights) } as StorySpec);
  }
  return bySlice;
}

/**
 * The stream's records in log-time order, generated a minute at a time so
 * that memory holds only the stories in flight, never the whole stream.
 * Each story's truth is appended to `truth` as the story starts. With
 * `shouldStop`, no story starts once it returns true; the stories in flight
 * still finish, so the truth stays whole.
 */
export function* streamRecords(
  options: StreamOptions,
  truth: TruthIncident[],
  shouldStop?: () => boolean,
): Generator<StreamRecord> {
  const prng = new Prng(options.seed);
  const hours = options.hours ?? 6;
  const slices = Math.max(1, Math.ceil(hours * 60));
  const startUs = startOf(options);
  const settings = { ...defaultWorldSettings(prng, startUs, hours), ...options.world };
  const world = new StoryWorld(prng, settings);
  const filler = new Filler(world);
  const rates: RevocationRates = {
    ...DEFAULT_REVOCATION_RATES,
    ...options.revocationRates,
  };
  const ratio = Math.min(Math.max(options.fillerRatio ?? 0.9, 0), 0.995);
  const background = ratio === 0 ? 0 : (options.backgroundPerMinute ?? 2);
  const stories = plan(prng, options, slices);
  const storiesPerSlice =
    [...stories.values()].reduce((n, s) => n + s.length, 0) / slices;

  const heap = new MinHeap<Queued>(
    (a, b) =>
      a.record.timeUs < b.record.timeUs ||
      (a.record.timeUs === b.record.timeUs && a.seq < b.seq),
  );
  let seq = 0;
  const push = (records: StreamRecord[]) =>
    records.forEach((record) => heap.push({ record, seq: seq++ }));
  let storyCount = 0;
  let storyRecords = 0;
  let stopped = false;

  for (let k = 0; ; k++) {
    const sliceStart = startUs + k * MINUTE;
    stopped = stopped || k >= slices || (shouldStop?.() ?? false);
    if (stopped && heap.size === 0) return;

    if (!stopped) {
      for (const spec of stories.get(k) ?? []) {
        const t0 = world.avoidDeploy(sliceStart + prng.int(5 * SECOND, MINUTE - 1));
        const story = runStory(world, spec, t0, rates);
        options.onStory?.({
          kind: spec.kind,
          variant: story.variant,
          t0Us: t0,
          truth: story.truth,
          users: story.users,
        });
        const early = story.records.find((r) => r.timeUs < sliceStart);
        if (early)
          throw new Error(
            `a ${spec.kind} story logged before its minute: ${early.template}`,
          );
        push(story.records);
        truth.push(...story.truth);
        storyCount++;
        storyRecords += story.records.length;
      }
      const deploy = settings.deployAtUs;
      if (deploy !== null && deploy >= sliceStart && deploy < sliceStart + MINUTE) {
        push(deployEvents(world, deploy));
      }
    }

    // Ordinary lines in proportion to the story lines (assuming stories of average size).
    const perStory = storyCount > 0 ? storyRecords / storyCount : 15;
    const wanted = stopped
      ? background
      : Math.max(background, (storiesPerSlice * perStory * ratio) / (1 - ratio));
    const events = Math.floor(wanted) + (prng.chance(wanted % 1) ? 1 : 0);
    const fillerOut: StreamRecord[] = [];
    for (let i = 0; i < events; i++)
      filler.add(fillerOut, world.avoidDeploy(sliceStart + prng.int(0, MINUTE - 1)));
    push(fillerOut.filter((r) => r.timeUs >= sliceStart));

    const end = sliceStart + MINUTE;
    while (heap.size > 0 && heap.peek()!.record.timeUs < end) yield heap.pop()!.record;
  }
}
