import { z } from 'zod';

import { parseDuration } from './parseDuration';

/** Where the service keeps its data; only the embedded SQLite file exists so far. */
export type DatabaseLocation = { kind: 'sqlite'; path: string };

/** The service's settings (SPEC §7), read once from the environment at start. */
export interface ServiceConfig {
  port: number;
  database: DatabaseLocation;
  /** The Sentry integration's client secret; unset, the webhook answers 503. */
  sentryClientSecret: string | null;
  /** Bearer token for `/api/*`; unset, the API answers 503. */
  apiToken: string | null;
  maxBodyBytes: number;
  logLevel: LogLevel;
  /** Path of the analysis config file, when given. */
  configPath: string | null;
  /** Self-monitoring: the service's own errors go to this DSN (`SENTRY_DSN`). */
  sentryDsn: string | null;
  writeback: WritebackConfig;
}

/** Where incidents are written back (Sentry, Slack) and how links into the service look. */
export interface WritebackConfig {
  /** Incident events go to this project (`SENTRY_INCIDENTS_DSN`); unset, none are sent. */
  incidentsDsn: string | null;
  /** Also report `expected_revocation` incidents to Sentry and Slack. */
  reportExpected: boolean;
  /** Sentry's web and REST base URL, without a trailing slash. */
  sentryApiUrl: string;
  sentryAuthToken: string | null;
  sentryOrg: string | null;
  slackWebhookUrl: string | null;
  /** Alertmanager's group_wait, group_interval and repeat_interval, in ms. */
  slackGroupWaitMs: number;
  slackGroupIntervalMs: number;
  slackRepeatIntervalMs: number;
  /** Base of the links people open, without a trailing slash. */
  publicUrl: string;
  /** `PUBLIC_URL` was given; else `publicUrl` is this service's own port, known once listening. */
  publicUrlSet: boolean;
  linkTtlMs: number;
  /** Unset: one is generated at the first start and kept in the store. */
  linkSecret: string | null;
  /** Attempts before a write-back that keeps failing (5xx, network) is given up. */
  maxAttempts: number;
  /** First retry delay; it doubles per attempt up to an hour. */
  retryBaseMs: number;
}

export const logLevels = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;
export type LogLevel = (typeof logLevels)[number];

/** A setting that stops the start; the message names the setting. */
export class ServiceConfigError extends Error {
  override name = 'ServiceConfigError';
}

// An empty variable (`PORT=`) reads as unset, as shells and .env files write it.
const optionalString = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().optional(),
);

const integerSetting = (min: number, max: number, fallback: number) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;

    const text = value.trim();
    const number = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a whole number from ${min} to ${max} (got "${value}")`,
      });
      return z.NEVER;
    }
    return number;
  });

const durationSetting = (fallback: string, options: { positive?: boolean } = {}) =>
  optionalString.transform((value, ctx) => {
    const ms = parseDuration(value ?? fallback);
    if (ms === null) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a duration such as 30s, 5m, 4h or 7d (got "${value}")`,
      });
      return z.NEVER;
    }
    if (options.positive && ms <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be longer than 0, such as 7d (got "${value}")`,
      });
      return z.NEVER;
    }
    return ms;
  });

const booleanSetting = optionalString.transform((value, ctx) => {
  const text = (value ?? 'false').trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  ctx.addIssue({ code: 'custom', message: `must be true or false (got "${value}")` });
  return z.NEVER;
});

const urlSetting = (protocols: string[]) =>
  optionalString.transform((value, ctx) => {
    if (value === undefined) return undefined;

    const text = value.trim();
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a URL (got "${value}")` });
      return z.NEVER;
    }
    if (!protocols.includes(url.protocol)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a ${protocols.join(' or ')} URL (got "${value}")`,
      });
      return z.NEVER;
    }
    return text.replace(/\/+$/, '');
  });

// A DSN is `PROTOCOL://PUBLIC_KEY@HOST[:PORT]/PROJECT_ID`; the SDK would drop a bad one silently.
const dsnSetting = optionalString.transform((value, ctx) => {
  if (value === undefined) return undefined;

  const text = value.trim();
  if (!/^https?:\/\/[^@/\s]+@[^/\s]+\/(?:[^\s]*\/)?\d+\/?$/.test(text)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a Sentry DSN such as https://KEY@o1.ingest.sentry.io/123 (got "${value}")`,
    });
    return z.NEVER;
  }
  return text;
});

const databaseSetting = optionalString.transform((value, ctx): DatabaseLocation => {
  const url = (value ?? 'sqlite:./data/logout-lens.sqlite').trim();

  if (/^postgres(ql)?:\/\//i.test(url)) {
    ctx.addIssue({
      code: 'custom',
      message: 'PostgreSQL support has not landed yet; use sqlite:PATH',
    });
    return z.NEVER;
  }

  const match = /^sqlite:(?:\/\/)?(.+)$/i.exec(url);
  if (!match?.[1]) {
    ctx.addIssue({
      code: 'custom',
      message: `must be sqlite:PATH, such as sqlite:./data/logout-lens.sqlite (got "${url}")`,
    });
    return z.NEVER;
  }
  return { kind: 'sqlite', path: match[1] };
});

const serviceEnvSchema = z.object({
  PORT: integerSetting(0, 65535, 8080),
  DATABASE_URL: databaseSetting,
  SENTRY_CLIENT_SECRET: optionalString,
  LOGOUT_LENS_API_TOKEN: optionalString,
  MAX_BODY_BYTES: integerSetting(1, 1024 * 1024 * 1024, 5 * 1024 * 1024),
  LOG_LEVEL: optionalString.transform((value, ctx): LogLevel => {
    const level = (value ?? 'info').trim().toLowerCase();
    if ((logLevels as readonly string[]).includes(level)) return level as LogLevel;

    ctx.addIssue({
      code: 'custom',
      message: `must be one of ${logLevels.join(', ')} (got "${value}")`,
    });
    return z.NEVER;
  }),
  LOGOUT_LENS_CONFIG: optionalString,
  SENTRY_DSN: dsnSetting,
  SENTRY_INCIDENTS_DSN: dsnSetting,
  SENTRY_REPORT_EXPECTED: booleanSetting,
  SENTRY_API_URL: urlSetting(['http:', 'https:']),
  SENTRY_AUTH_TOKEN: optionalString,
  SENTRY_ORG: optionalString,
  SLACK_WEBHOOK_URL: urlSetting(['http:', 'https:']),
  SLACK_GROUP_WAIT: durationSetting('30s'),
  SLACK_GROUP_INTERVAL: durationSetting('5m'),
  SLACK_REPEAT_INTERVAL: durationSetting('4h'),
  PUBLIC_URL: urlSetting(['http:', 'https:']),
  // A link that expires as it is made opens nothing.
  LINK_TTL: durationSetting('7d', { positive: true }),
  LINK_SECRET: optionalString,
  WRITEBACK_MAX_ATTEMPTS: integerSetting(1, 1000, 12),
  WRITEBACK_RETRY_BASE: durationSetting('2s'),
});

/**
 * Reads the service settings from the environment, once, at start.
 *
 * @throws ServiceConfigError naming every bad setting, e.g.
 *   `PORT: must be a whole number from 0 to 65535 (got "eighty")`.
 * @example
 *   const config = parseServiceConfig(process.env);
 *   // config.database => { kind: 'sqlite', path: './data/logout-lens.sqlite' }
 */
export function parseServiceConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const parsed = serviceEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ServiceConfigError(problems.join('; '));
  }

  const settings = parsed.data;
  return {
    port: settings.PORT,
    database: settings.DATABASE_URL,
    sentryClientSecret: settings.SENTRY_CLIENT_SECRET ?? null,
    apiToken: settings.LOGOUT_LENS_API_TOKEN ?? null,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    logLevel: settings.LOG_LEVEL,
    configPath: settings.LOGOUT_LENS_CONFIG ?? null,
    sentryDsn: settings.SENTRY_DSN ?? null,
    writeback: {
      incidentsDsn: settings.SENTRY_INCIDENTS_DSN ?? null,
      reportExpected: settings.SENTRY_REPORT_EXPECTED,
      sentryApiUrl: settings.SENTRY_API_URL ?? 'https://sentry.io',
      sentryAuthToken: settings.SENTRY_AUTH_TOKEN ?? null,
      sentryOrg: settings.SENTRY_ORG?.trim() ?? null,
      slackWebhookUrl: settings.SLACK_WEBHOOK_URL ?? null,
      slackGroupWaitMs: settings.SLACK_GROUP_WAIT,
      slackGroupIntervalMs: settings.SLACK_GROUP_INTERVAL,
      slackRepeatIntervalMs: settings.SLACK_REPEAT_INTERVAL,
      // Port 0 (tests) is only known once listening: startService fills it in then.
      publicUrl: settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`,
      publicUrlSet: settings.PUBLIC_URL !== undefined,
      linkTtlMs: settings.LINK_TTL,
      linkSecret: settings.LINK_SECRET ?? null,
      maxAttempts: settings.WRITEBACK_MAX_ATTEMPTS,
      retryBaseMs: settings.WRITEBACK_RETRY_BASE,
    },
  };
}
