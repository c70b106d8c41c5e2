import { Prng } from '../Prng';
import type { StreamRecord } from '../StreamRecord';
import { dockerLines, djangoLines } from './consoleLines';
import { deliveryOrder } from './deliveryOrder';
import type { LineGroup } from './interleave';
import { interleave, withDuplicates } from './interleave';
import { jsonHasSource, jsonLine } from './jsonLine';
import { herokuLines, syslogLines } from './platformLines';
import { sentryWebhookBody } from './sentryWebhookBody';
import type { AppFormat, RenderOptions, StreamShape } from './StreamShape';
import { STREAM_SHAPES } from './StreamShape';

const DJANGO_FORMATS: Partial<Record<StreamShape, AppFormat>> = {
  'django-verbose': 'verbose',
  'django-bracket': 'bracket',
  'django-asctime': 'asctime',
};

/**
 * Delivery keys for lines from several dynos: each dyno lags by an amount
 * that drifts within `maxLagMs`, keeping its own lines in order; router
 * lines come when the response is done, up to two seconds later still.
 */
function platformDelivery(
  prng: Prng,
  maxLagMs: number,
): (record: StreamRecord) => number {
  const lag = new Map<string, number>();
  const last = new Map<string, number>();
  return (record) => {
    const drift =
      (lag.get(record.source) ?? prng.between(0, maxLagMs)) + prng.between(-150, 150);
    const current = Math.min(Math.max(drift, 0), maxLagMs);
    lag.set(record.source, current);
    const extra = record.kind === 'router' ? prng.between(0, 2000) : 0;
    const key = Math.max(
      last.get(record.source) ?? 0,
      record.timeUs + (current + extra) * 1000,
    );
    last.set(record.source, key);
    return key;
  };
}

/**
 * The stream in one shape, as chunks of text to write one after another
 * (each ends with its newline, except syslog frames written back to back).
 * Streams: it holds only the records still in flight between dynos.
 */
export function* renderLines(
  records: Iterable<StreamRecord>,
  shape: StreamShape,
  options: RenderOptions = {},
): Generator<string> {
  const prng = new Prng(
    (options.seed ?? 1) * 7919 + STREAM_SHAPES.indexOf(shape) * 104729,
  );
  const maxLagMs = options.maxLagMs ?? 3000;
  const duplicates = options.duplicateRate ?? 0;

  if (shape === 'sentry') {
    const ctx = {
      prng,
      installation: prng.uuid(),
      host: 'spa-api.herokuapp.com',
      breadcrumbMaxChars: options.breadcrumbMaxChars ?? 1024,
    };
    const apps = filter(records, (r) => r.kind === 'app');
    const arrived = deliveryOrder(
      apps,
      (r) => r.timeUs + prng.between(200, maxLagMs) * 1000,
    );
    for (const record of withDuplicates(arrived, prng, duplicates)) {
      yield `${sentryWebhookBody(record, ctx)}\n`;
    }
    return;
  }

  if (shape === 'jsonl') {
    const flavour = options.jsonFlavour ?? 'basic';
    const ordered = jsonHasSource(flavour)
      ? deliveryOrder(records, platformDelivery(prng, maxLagMs))
      : records;
    for (const record of ordered) {
      const line = jsonLine(record, flavour);
      if (line !== null) yield `${line}\n`;
    }
    return;
  }

  if (shape === 'heroku' || shape === 'syslog') {
    const render = shape === 'heroku' ? herokuLines : syslogLines;
    const groups = mapGroups(
      deliveryOrder(records, platformDelivery(prng, maxLagMs)),
      (r) => ({
        source: r.source,
        lines: render(r, options, prng),
      }),
    );
    const separator = shape === 'syslog' && options.syslogNewlines === false ? '' : '\n';
    for (const lines of interleave(
      withDuplicates(groups, prng, duplicates),
      prng,
      options.interleaveRate ?? 0.3,
    )) {
      yield lines.map((line) => line + separator).join('');
    }
    return;
  }

  // One process's console: its lines in the order written, stacks never split.
  const format = DJANGO_FORMATS[shape];
  for (const record of records) {
    const lines =
      shape === 'docker'
        ? dockerLines(record, options, prng)
        : djangoLines(record, format!, options);
    if (lines !== null) yield lines.map((line) => `${line}\n`).join('');
  }
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}

function* mapGroups(
  items: Iterable<StreamRecord>,
  map: (r: StreamRecord) => LineGroup,
): Generator<LineGroup> {
  for (const item of items) yield map(item);
}
