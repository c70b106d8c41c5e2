import { readFileSync } from 'fs';
import { join } from 'path';
import type { LogRecord, RecordOrigin } from '../../../src/model/LogRecord';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'signals');

/** A record as a reader hands it over: prefixes removed, message as given. */
export function logRecord(
  message: string,
  origin: Partial<RecordOrigin> = {},
): LogRecord {
  return {
    time: null,
    source: null,
    logger: null,
    level: null,
    message,
    origin: { kind: 'log', ...origin },
  };
}

const HEROKU_LINE = /^\S+ app\[([^\]]+)\]: (.*)$/;
const APP_PREFIX = /^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+ /;

/**
 * The message of the record starting at `lineNumber` (1-based) of a Heroku
 * fixture, as a reader assembles it: the platform and app prefixes removed,
 * and the following lines of the same dyno that carry no app prefix joined
 * with `\n` (another dyno's lines in between are skipped).
 */
export function herokuMessageAt(fixture: string, lineNumber: number): string {
  const lines = readFileSync(join(FIXTURES, fixture), 'utf8').split('\n');
  const first = HEROKU_LINE.exec(lines[lineNumber - 1] ?? '');
  if (!first) throw new Error(`${fixture}:${lineNumber} is not a Heroku app line`);
  const [, dyno, text = ''] = first;

  const parts = [text.replace(APP_PREFIX, '')];
  for (const line of lines.slice(lineNumber)) {
    const next = HEROKU_LINE.exec(line);
    if (!next || next[1] !== dyno) continue;
    const message = next[2] ?? '';
    if (APP_PREFIX.test(message) || message.startsWith('[')) break;
    parts.push(message);
  }
  return parts.join('\n');
}
