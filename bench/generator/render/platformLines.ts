import type { Prng } from '../Prng';
import type { StreamRecord } from '../StreamRecord';
import { withAppPrefix } from './appPrefix';
import { isoTime } from './formatTime';
import { messageLines } from './messageLines';
import type { RenderOptions } from './StreamShape';

/** Per-line times: the record's own, or a few µs apart as logplex stamps each line. */
function lineTimes(record: StreamRecord, count: number, prng: Prng): number[] {
  const step = prng.chance(0.3) ? prng.int(1, 30) : 0;
  return Array.from({ length: count }, (_, i) => record.timeUs + i * step);
}

/** Heroku's `heroku logs` lines: `TIME app[web.1]: ...`, `heroku[router]`, `heroku[web.1]`. */
export function herokuLines(
  record: StreamRecord,
  options: RenderOptions,
  prng: Prng,
): string[] {
  const offset = options.utcOffsetMinutes ?? 0;
  const lines = messageLines(record);
  if (record.kind === 'router' || record.kind === 'platform') {
    const proc = record.kind === 'router' ? 'router' : record.source;
    return [`${isoTime(record.timeUs, 6, offset)} heroku[${proc}]: ${lines.join(' ')}`];
  }
  lines[0] = withAppPrefix(record, lines[0]!, 'level-logger', options.msSeparator ?? ',');
  const times = lineTimes(record, lines.length, prng);
  return lines.map(
    (line, i) => `${isoTime(times[i]!, 6, offset)} app[${record.source}]: ${line}`,
  );
}

/** The log drain's RFC 5424 frames, each prefixed with its length in bytes. */
export function syslogLines(
  record: StreamRecord,
  options: RenderOptions,
  prng: Prng,
): string[] {
  const offset = options.utcOffsetMinutes ?? 0;
  const frame = (body: string) => `${Buffer.byteLength(body, 'utf8')} ${body}`;
  const lines = messageLines(record);
  if (record.kind === 'router') {
    return [
      frame(
        `<158>1 ${isoTime(record.timeUs, 6, offset)} host heroku router - ${lines.join(' ')}`,
      ),
    ];
  }
  if (record.kind === 'platform') {
    return [
      frame(
        `<45>1 ${isoTime(record.timeUs, 6, offset)} host heroku ${record.source} - ${lines.join(' ')}`,
      ),
    ];
  }
  lines[0] = withAppPrefix(record, lines[0]!, 'level-logger', options.msSeparator ?? ',');
  const times = lineTimes(record, lines.length, prng);
  return lines.map((line, i) =>
    frame(`<190>1 ${isoTime(times[i]!, 6, offset)} host app ${record.source} - ${line}`),
  );
}
