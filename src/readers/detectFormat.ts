import type { InputFormat } from './InputFormat';
import { isJsonDocument } from './isJsonDocument';
import { isEnvelopeFrame, isSentryPayload } from './isSentryPayload';
import { isPlainObject } from './isPlainObject';
import { parseAppPrefix } from './parseAppPrefix';
import { parseDockerLine } from './parseDockerLine';
import { parseHerokuLine } from './parseHerokuLine';
import { parseSyslogLine } from './parseSyslogLine';
import { stripAnsi } from './stripAnsi';
import { tagLength } from './tagLength';

const MAX_LINES = 200;
// Ties go to the more specific shape.
const PRIORITY: InputFormat[] = [
  'sentry-rest',
  'sentry',
  'jsonl',
  'syslog',
  'heroku',
  'docker',
  'django',
  'message',
];

const REST_KEYS = /"(?:entries|eventID|groupID|dateCreated)"\s*:/;
const SENTRY_KEYS = /"(?:event_id|logentry|breadcrumbs|exception|installation)"\s*:/;

/** JSON text (possibly cut short) by the keys it shows. */
function jsonFlavour(text: string): InputFormat {
  if (REST_KEYS.test(text)) return 'sentry-rest';
  if (SENTRY_KEYS.test(text)) return 'sentry';
  if (text.includes('"action"') && text.includes('"data"')) return 'sentry';
  return 'jsonl';
}

function jsonLineShape(line: string, cut: boolean): InputFormat | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return cut ? jsonFlavour(line) : null;
  }
  if (!isPlainObject(value)) return null;
  if (isEnvelopeFrame(value)) return 'sentry';
  if (isSentryPayload(value))
    return Array.isArray(value.entries) ? 'sentry-rest' : 'sentry';
  return 'jsonl';
}

function textLineShape(raw: string): InputFormat | null {
  const line = stripAnsi(raw);
  const c = line.charCodeAt(0);
  if (c === 60 || (c >= 48 && c <= 57 && line.charCodeAt(4) !== 45)) {
    return parseSyslogLine(line, 'UTC') === null ? null : 'syslog';
  }
  if (c >= 48 && c <= 57) {
    if (parseHerokuLine(line, 'UTC') !== null) return 'heroku';
    // A platform time is one token (`...T10:00:00Z`); Python's asctime has a space.
    if (line.charCodeAt(10) === 84 && parseDockerLine(line, 'UTC') !== null)
      return 'docker';
  }
  if (parseAppPrefix(line, 'UTC') !== null) return 'django';
  if (tagLength(line) > 0) return 'message';
  if (c !== 32 && c !== 9 && c !== 91 && parseDockerLine(line, 'UTC') !== null)
    return 'docker';
  return null;
}

/**
 * Guesses an input's format from its first bytes (`sample`, a few KB;
 * `complete` when that is the whole input): a JSON array is `sentry-rest`
 * when its events have `entries`, else `sentry`; NDJSON of webhook bodies or
 * events is `sentry`, other NDJSON `jsonl`; text lines vote by shape
 * (Heroku, syslog drain, docker, Django prefix, bare `[TAG]` message).
 * Null when nothing is recognised.
 *
 * @example
 * detectFormat('2026-01-03T10:00:00.1+00:00 app[web.1]: INFO x hi\n', true); // 'heroku'
 */
export function detectFormat(sample: string, complete = false): InputFormat | null {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  if (isJsonDocument(text, complete)) return jsonFlavour(text);

  const lines = text.split('\n');
  // The last piece may be cut mid-line; it only counts when it is all there is.
  const cutLast = !complete;
  const votes = new Map<InputFormat, number>();
  let counted = 0;
  for (let i = 0; i < lines.length && counted < MAX_LINES; i++) {
    const cut = cutLast && i === lines.length - 1;
    let line = lines[i] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') continue;
    if (cut && counted > 0) break;
    const shape =
      line.trimStart().charCodeAt(0) === 123
        ? jsonLineShape(line.trim(), cut)
        : textLineShape(line);
    counted++;
    if (shape !== null) votes.set(shape, (votes.get(shape) ?? 0) + 1);
  }

  let best: InputFormat | null = null;
  let bestVotes = 0;
  for (const format of PRIORITY) {
    const count = votes.get(format) ?? 0;
    if (count > bestVotes) {
      best = format;
      bestVotes = count;
    }
  }
  return best;
}
