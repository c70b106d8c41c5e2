import type { LogRecord } from '../model/LogRecord';
import { isEnvelopeFrame, isSentryPayload } from './isSentryPayload';
import { isPlainObject } from './isPlainObject';
import { sentryEventRecords } from './sentryEventRecords';

export interface SentryBodyRecords {
  /** Sorted by time; an untimed record stays after the timed record before it. */
  records: LogRecord[];
  /** What could not be read, one short sentence each (never fatal). */
  problems: string[];
}

export interface SentryBodyOptions {
  /** IANA zone for naive times (old SDKs wrote local breadcrumb times). Default UTC. */
  timezone?: string;
}

// Resources whose webhooks carry no event and so no log lines.
const EVENTLESS = [
  'issue',
  'comment',
  'installation',
  'metric_alert',
  'seer',
  'preprod_artifact',
];

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function fromObject(
  body: Record<string, unknown>,
  input: string,
  timezone: string,
  out: SentryBodyRecords,
): void {
  if (typeof body.action === 'string' && isPlainObject(body.data)) {
    const event = body.data.event ?? body.data.error;
    if (isPlainObject(event)) {
      out.records.push(...sentryEventRecords(event, input, timezone));
    } else if (!EVENTLESS.some((key) => key in (body.data as object))) {
      out.problems.push(`webhook "${body.action}" has no data.event or data.error`);
    }
    return;
  }
  if (isPlainObject(body.event)) {
    // Legacy WebHooks plugin: the group's fields around the event.
    const fallback = {
      issueId: text(body.id),
      webUrl: text(body.url),
      level: text(body.level),
      logger: text(body.logger),
      message: text(body.message),
    };
    const defined = Object.fromEntries(
      Object.entries(fallback).filter(([, value]) => value !== undefined),
    );
    out.records.push(...sentryEventRecords(body.event, input, timezone, defined));
    return;
  }
  if (isSentryPayload(body)) {
    out.records.push(...sentryEventRecords(body, input, timezone));
    return;
  }
  if (isEnvelopeFrame(body)) return;
  out.problems.push('not a Sentry webhook body, event or envelope');
}

/** SDK envelope or NDJSON text: one JSON value per line. */
function fromText(
  body: string,
  input: string,
  timezone: string,
  out: SentryBodyRecords,
): void {
  const trimmed = body.trim();
  if (trimmed === '') return;
  try {
    fromValue(JSON.parse(trimmed), input, timezone, out);
    return;
  } catch {
    // Not one JSON document: read it line by line (an envelope).
  }
  let line = 0;
  for (const part of trimmed.split('\n')) {
    line++;
    if (part.trim() === '') continue;
    try {
      fromValue(JSON.parse(part), input, timezone, out);
    } catch {
      out.problems.push(`line ${line} is not JSON`);
    }
  }
}

function fromValue(
  body: unknown,
  input: string,
  timezone: string,
  out: SentryBodyRecords,
): void {
  if (Array.isArray(body)) {
    for (const item of body) fromValue(item, input, timezone, out);
  } else if (isPlainObject(body)) {
    fromObject(body, input, timezone, out);
  } else if (typeof body === 'string') {
    fromText(body, input, timezone, out);
  } else if (Buffer.isBuffer(body)) {
    fromText(body.toString('utf8'), input, timezone, out);
  } else if (body !== null && body !== undefined) {
    out.problems.push('body is not a JSON object');
  }
}

/**
 * The log records in a Sentry payload. Used by the file reader and by the
 * webhook service, so that both give the same records.
 *
 * Accepts an Integration Platform webhook body (`{action, data: {event |
 * error | issue}}`; issue, comment and installation resources carry no
 * records), a stored event (snake_case, `logentry`, `breadcrumbs.values` or
 * a plain `breadcrumbs` array), a REST event (`entries[]`), the legacy
 * WebHooks plugin body (`{id, url, ..., event}`), an array of any of these,
 * or their JSON text (also an SDK envelope).
 *
 * @example
 * const { records, problems } = recordsFromSentryBody(JSON.parse(rawBody), 'webhook');
 */
export function recordsFromSentryBody(
  body: unknown,
  input: string,
  options: SentryBodyOptions = {},
): SentryBodyRecords {
  const out: SentryBodyRecords = { records: [], problems: [] };
  fromValue(body, input, options.timezone ?? 'UTC', out);

  // Breadcrumb array order is not time order; an untimed record sorts
  // with the timed record before it.
  let last = -Infinity;
  const keyed = out.records.map((record, index) => {
    if (record.time !== null) last = Math.max(last, record.time);
    return { record, index, key: record.time ?? last };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  out.records = keyed.map((entry) => entry.record);
  return out;
}
