/** The line shapes the readers accept (SPEC §1), as the generator writes them. */
export type StreamShape =
  | 'heroku'
  | 'syslog'
  | 'docker'
  | 'django-verbose'
  | 'django-bracket'
  | 'django-asctime'
  | 'jsonl'
  | 'sentry';

export const STREAM_SHAPES: readonly StreamShape[] = [
  'heroku',
  'syslog',
  'docker',
  'django-verbose',
  'django-bracket',
  'django-asctime',
  'jsonl',
  'sentry',
];

/** The app's own Python logging prefix, on the first line of each record. */
export type AppFormat =
  /** `INFO users.signals msg`, as on Heroku. */
  | 'level-logger'
  /** `INFO 2026-01-03 10:00:00,123 signals msg`, Django's "verbose" (module name). */
  | 'verbose'
  /** `[2026-01-03 10:00:00,123] INFO users.signals: msg`. */
  | 'bracket'
  /** `2026-01-03 10:00:00,123 INFO users.signals msg`. */
  | 'asctime';

/** Which keys a JSON logger writes (SPEC §1 lists the accepted names). */
export type JsonFlavour = 'basic' | 'ecs' | 'epoch' | 'structlog';

export interface RenderOptions {
  /** Seeds the renderer's own choices (delivery lag, interleaving, nanoseconds). Default 1. */
  seed?: number;
  /** Lines of another dyno land inside a multi-line record this often (platform shapes). Default 0.3. */
  interleaveRate?: number;
  /** Largest delivery delay between dynos, ms (platform, JSON and Sentry shapes). Default 3000. */
  maxLagMs?: number;
  /** Heroku and syslog times in this UTC offset, minutes. Default 0 (`+00:00`). */
  utcOffsetMinutes?: number;
  /** Syslog frames one per line (default) or back to back, as a drain's body carries them. */
  syslogNewlines?: boolean;
  /** The app prefix inside docker lines. Default `verbose`. */
  dockerAppFormat?: AppFormat;
  /** `,` (Python's default) or `.` before the milliseconds. Default `,`. */
  msSeparator?: ',' | '.';
  /** The app's own times (console and docker prefixes) in local time this far from UTC, minutes. */
  consoleOffsetMinutes?: number;
  /** ANSI colours around the level (a colourising console formatter). */
  ansi?: boolean;
  jsonFlavour?: JsonFlavour;
  /** Sentry breadcrumbs longer than this are cut short with `...`, as the SDK does. Default 1024. */
  breadcrumbMaxChars?: number;
  /** Share of records delivered twice (drain retries, two alert rules). Default 0. */
  duplicateRate?: number;
}
