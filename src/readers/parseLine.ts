import type { InputFormat } from './InputFormat';
import type { ParsedLine } from './ParsedLine';
import { parseDockerLine } from './parseDockerLine';
import { parseHerokuLine } from './parseHerokuLine';
import { parsePlainLine } from './parsePlainLine';
import { parseSyslogLine } from './parseSyslogLine';
import { stripAnsi } from './stripAnsi';

/**
 * One text line (not JSON) of a log, whatever its platform: the detected
 * format only breaks ties, so a router line in a Heroku file, a plain Django
 * line in a docker file or a syslog frame in a Heroku file are all read.
 * Null when no shape fits (binary garbage).
 *
 * @example
 * const line = '2026-01-03T10:00:00.1+00:00 app[web.1]: INFO users.signals [X_Y] hi';
 * parseLine(line, 'heroku', 'UTC');
 * // time 1767434400100, source 'web.1', level 'INFO', logger 'users.signals',
 * // message '[X_Y] hi', starts true
 */
export function parseLine(
  raw: string,
  format: InputFormat | null,
  timezone: string,
): ParsedLine | null {
  let line = stripAnsi(raw);
  if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  const c = line.charCodeAt(0);

  if (c >= 48 && c <= 57) {
    // `83 <40>1 ...` (octet count) versus a date: the fifth character tells.
    if (line.charCodeAt(4) !== 45) {
      const syslog = parseSyslogLine(line, timezone);
      if (syslog !== null) return syslog;
    } else if (line.charCodeAt(10) === 32) {
      // `2026-01-03 10:00:00,123 ...`: Python's asctime, the app's own prefix.
      const plain = parsePlainLine(line, timezone);
      if (plain !== null && plain.starts) return plain;
      const docker = parseDockerLine(line, timezone);
      if (docker !== null) return docker;
    } else {
      const heroku = parseHerokuLine(line, timezone);
      if (heroku !== null) return heroku;
      const docker = parseDockerLine(line, timezone);
      if (docker !== null) return docker;
    }
  } else if (c === 60) {
    const syslog = parseSyslogLine(line, timezone);
    if (syslog !== null) return syslog;
  } else if (format === 'docker' && c !== 91 && c !== 32 && c !== 9) {
    const compose = parseDockerLine(line, timezone);
    if (compose !== null) return compose;
  }
  return parsePlainLine(line, timezone);
}
