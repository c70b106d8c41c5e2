import type { Prng } from '../Prng';
import type { StreamRecord } from '../StreamRecord';
import { withAppPrefix } from './appPrefix';
import { isoZ } from './formatTime';
import { messageLines } from './messageLines';
import type { AppFormat, RenderOptions } from './StreamShape';

/** `docker logs --timestamps`: each line stamped on arrival, RFC 3339 with nine fraction digits. */
export function dockerLines(
  record: StreamRecord,
  options: RenderOptions,
  prng: Prng,
): string[] | null {
  if (record.kind === 'router' || record.kind === 'platform') return null;
  const lines = messageLines(record);
  lines[0] = withAppPrefix(
    record,
    lines[0]!,
    options.dockerAppFormat ?? 'verbose',
    options.msSeparator ?? ',',
    false,
    options.consoleOffsetMinutes,
  );
  // Docker stamps each line when it reads it: a little after the log call, in
  // the same millisecond (so a copy of the line from elsewhere still deduplicates).
  const arrival = record.timeUs + prng.int(0, 999 - (record.timeUs % 1000));
  return lines.map(
    (line, i) => `${isoZ(arrival + i * prng.int(0, 3), 9, prng.int(0, 999))} ${line}`,
  );
}

/** The app's console: its own prefix on the first line, stacks as bare lines after it. */
export function djangoLines(
  record: StreamRecord,
  format: AppFormat,
  options: RenderOptions,
): string[] | null {
  if (record.kind === 'router' || record.kind === 'platform') return null;
  const lines = messageLines(record);
  lines[0] = withAppPrefix(
    record,
    lines[0]!,
    format,
    options.msSeparator ?? ',',
    options.ansi,
    options.consoleOffsetMinutes,
  );
  return lines;
}
