import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import type { Signal, SignalBody } from '../model/Signal';
import { findUser } from './findUser';
import { normaliseAppRoot } from './isInAppPath';
import { normaliseMessage } from './normaliseMessage';
import { readUserlessRefusal } from './readUserlessRefusal';
import { stripAppPrefix } from './stripAppPrefix';
import { tagReaders } from './tagReaders';

const TAG = /^\[([A-Z][A-Z0-9_.-]*)\]/;

/**
 * What a record's message says about sessions (SPEC §2), or null for an
 * untagged record. Refused refreshes that name no user (django.request's
 * `Unauthorized: .../token/refresh/`, a router 401 on that path) are the one
 * kind of untagged record kept. A tag this module does not know, or a known
 * tag in a shape it does not recognise, gives `kind: 'other'` with the
 * phone-like user the line names, if any.
 *
 * @example
 * parseSignal(record, { appRoot: '/app/' })
 * // { kind: 'refresh_failed', jti: 'abc123', user: '+573001234567',
 * //   tag: 'SESSION_REFRESH_FAILED', firstLine: '[SESSION_REFRESH_FAILED] ...', record }
 */
export function parseSignal(
  record: LogRecord,
  settings: Pick<AnalysisSettings, 'appRoot'>,
): Signal | null {
  const text = stripAppPrefix(normaliseMessage(record.message ?? ''));
  const firstLine = firstLineOf(text).trim();

  const refusal = readUserlessRefusal(record, text);
  if (refusal) return withContext(refusal.body, refusal.tag, firstLine, record);
  if (record.origin.kind === 'router') return null;

  const tagged = TAG.exec(text);
  if (!tagged) return null;
  const tag = tagged[1] ?? '';
  const body = text.slice(tagged[0].length);
  const head = firstLineOf(body).trim();

  const reader = tagReaders.get(tag);
  const appRoot = appRootOf(settings.appRoot);
  const read: SignalBody | null = reader ? reader({ body, head, appRoot }) : null;
  return withContext(
    read ?? { kind: 'other', user: findUser(head) },
    tag,
    firstLine,
    record,
  );
}

function firstLineOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline < 0 ? text : text.slice(0, newline);
}

/**
 * Completes a reader's body into a signal in place. The readers return a
 * fresh object each time, and copying it with a spread costs more than the
 * rest of the parse: a spread over bodies of a dozen shapes takes V8's slow
 * generic path.
 */
function withContext(
  body: SignalBody,
  tag: string,
  firstLine: string,
  record: LogRecord,
): Signal {
  const signal = body as Signal;
  signal.tag = tag;
  signal.firstLine = firstLine;
  signal.record = record;
  return signal;
}

let lastAppRoot: string | undefined;
let lastNormalised = '';

/** Settings rarely change between calls: normalise the app root once per value. */
function appRootOf(appRoot: string): string {
  if (appRoot !== lastAppRoot) {
    lastNormalised = normaliseAppRoot(appRoot);
    lastAppRoot = appRoot;
  }
  return lastNormalised;
}
