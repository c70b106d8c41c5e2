import { z } from 'zod';

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
  };
}
