/** Python logging levels as the app writes them. */
export type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/**
 * - `app`: a line of the app's Python logging (every shape renders it);
 * - `router`: a `heroku[router]` line (Heroku shapes only);
 * - `platform`: a `heroku[web.1]` system line (Heroku shapes only);
 * - `raw`: text a process printed with its own format, e.g. gunicorn's
 *   `[date] [pid] [INFO] ...` (text shapes only, never JSON or Sentry).
 */
export type RecordKind = 'app' | 'router' | 'platform' | 'raw';

/** One HTTP request or task: the SDK's scope, whose earlier lines become breadcrumbs. */
export interface RequestScope {
  id: string;
  /** Sentry's `user` of the request: the admin in an admin's request, null when anonymous. */
  user: { id: string; ip_address: string } | null;
  method: string | null;
  path: string | null;
  /** Every app record of the scope, in the order they were logged. */
  records: StreamRecord[];
}

/** One log record of the generated stream, before it is rendered in a shape. */
export interface StreamRecord {
  /** Epoch microseconds of the log call. */
  timeUs: number;
  /** The dyno (`web.2`, `worker.1`); `router` for router lines. */
  source: string;
  kind: RecordKind;
  level: Level;
  logger: string;
  /** Python `%`-template (`%s`, `%d`, `%%`) and its arguments, as `logger.info(template, *args)`. */
  template: string;
  args: (string | number)[];
  scope: RequestScope | null;
}

/** One incident the analyzer must report, as in the samples' truth.json. */
export interface TruthIncident {
  user: string;
  cause: string;
  status: 'confirmed' | 'suspected';
  group: string;
  trigger_outer: { file: string; function: string } | null;
}
