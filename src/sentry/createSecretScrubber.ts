import type { Breadcrumb, Event } from '@sentry/core';

const REDACTED = '[redacted]';
// An incoming webhook's path is its credential: /services/T…/B…/<secret>.
const SLACK_WEBHOOK_PATH = /\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]+/g;
// Workflow and trigger webhooks have other shapes; on Slack's hook host every path is one.
const SLACK_HOOK_URL = /(hooks\.slack\.com)\/[^\s"'<>|]+/gi;
// Signed incident links, DSN keys in the intake URL, tokens in query strings.
const SECRET_PARAM =
  /((?:^|[?&;])(?:sig|sentry_key|sentry_secret|token|access_token|api_key|key)=)[^&#\s"']*/gi;
// The key part of a DSN: scheme://<public key>[:secret]@host.
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s"']+@/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'sentry-hook-signature',
  'x-sentry-auth',
]);

export interface SecretScrubber {
  /** For `beforeBreadcrumb`: the SDK records every fetch and HTTP request's full URL. */
  breadcrumb(breadcrumb: Breadcrumb): Breadcrumb;
  /** For `beforeSend`: breadcrumbs, request data, extras, messages. */
  event<T extends Event>(event: T): T;
  /** One string, as the two above scrub each. */
  text(text: string): string;
}

/**
 * Removes what must never reach the self-monitoring project: the Slack
 * webhook URL's path, Authorization and signature headers, `sig=` and DSN
 * keys in URLs, and each configured secret wherever it appears.
 *
 * @example
 *   const scrub = createSecretScrubber([config.writeback.slackWebhookUrl]);
 *   Sentry.init({ dsn, beforeBreadcrumb: scrub.breadcrumb, beforeSend: scrub.event });
 */
export function createSecretScrubber(secrets: (string | null)[]): SecretScrubber {
  // A DSN's or URL's key is a secret of its own; longest first, so a URL goes
  // before a token that is part of it.
  const given = secrets.filter((secret): secret is string => !!secret);
  const known = [...new Set([...given, ...given.flatMap(userInfo)])]
    .filter((secret) => secret.length >= 6)
    .sort((a, b) => b.length - a.length);

  function text(value: string): string {
    let scrubbed = value;
    for (const secret of known) scrubbed = scrubbed.split(secret).join(REDACTED);
    return scrubbed
      .replace(SLACK_HOOK_URL, `$1/${REDACTED}`)
      .replace(SLACK_WEBHOOK_PATH, `/services/${REDACTED}`)
      .replace(SECRET_PARAM, `$1${REDACTED}`)
      .replace(URL_USERINFO, `$1${REDACTED}@`)
      .replace(BEARER, `$1 ${REDACTED}`);
  }

  function deep(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return text(value);
    if (depth > 12 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => deep(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        SECRET_HEADERS.has(key.toLowerCase()) ? REDACTED : deep(item, depth + 1),
      ]),
    );
  }

  return {
    breadcrumb: (breadcrumb) => deep(breadcrumb, 0) as Breadcrumb,
    event: (event) => deep(event, 0) as typeof event,
    text,
  };
}

function userInfo(value: string): string[] {
  try {
    const url = new URL(value);
    return [url.username, url.password].filter((part) => part !== '');
  } catch {
    return [];
  }
}
