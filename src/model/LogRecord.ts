/**
 * One log entry as a reader found it, before any session tag is interpreted.
 *
 * Readers strip the platform prefix (Heroku, docker, syslog framing, JSON
 * fields) and, where they recognise it, the app's own logging prefix
 * (`INFO users.signals ...`), so `message` starts at the app's message text.
 */
export interface LogRecord {
  /** Epoch milliseconds (fractions kept), or null when the input carried no time. */
  time: number | null;
  /**
   * Where the line was written: a dyno (`web.1`), a container, a syslog
   * process, or a Sentry request scope (`sentry:<event_id>`). Null when the
   * input names none; a file without source fields is one source.
   */
  source: string | null;
  logger: string | null;
  level: string | null;
  /** The app's message; stacks and other continuation lines joined with `\n`. */
  message: string;
  /** What carried the record, for links back and for deduplication. */
  origin: RecordOrigin;
}

export interface RecordOrigin {
  kind: 'log' | 'sentry-event' | 'sentry-breadcrumb' | 'router';
  /** Input name (file path, `-`, `webhook`), for error messages. */
  input?: string;
  /** 1-based line number of the record's first line in a line-shaped input. */
  line?: number;
  /** Sentry event id (32 hex) of the event or of the event carrying the breadcrumb. */
  eventId?: string;
  /** Sentry issue (group) id of that event. */
  issueId?: string;
  /** A URL a person can open for that event. */
  webUrl?: string;
  /** Sentry's `user` of the event (an admin in an admin's request: never the incident's user). */
  sentryUser?: string;
  /** True when a breadcrumb was at the SDK's cap (100) so older ones were dropped. */
  breadcrumbsCapped?: boolean;
  /** HTTP status of a router line (Heroku), when the record is one. */
  httpStatus?: number;
  /** Request path of a router line or `Unauthorized: /path` line. */
  path?: string;
}
