import type { Prng } from '../Prng';
import type { StreamRecord } from '../StreamRecord';
import { isoZ } from './formatTime';
import { messageOf } from './messageLines';
import { PyFloat, pythonJson } from './pythonJson';

/** The SDK keeps this many breadcrumbs, dropping the oldest. */
const BREADCRUMB_CAP = 100;

const LEVELS: Record<string, string> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warning',
  ERROR: 'error',
  CRITICAL: 'fatal',
};

export interface SentryContext {
  prng: Prng;
  installation: string;
  host: string;
  /** The SDK cuts breadcrumb messages longer than this to this length, ending in `...`. */
  breadcrumbMaxChars: number;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The earlier lines of the record's request, as the SDK's scope kept them, in no particular order. */
function breadcrumbs(record: StreamRecord, prng: Prng, maxChars: number): unknown[] {
  const scope = record.scope;
  if (!scope) return [];
  const at = scope.records.indexOf(record);
  const earlier = scope.records
    .filter((r, i) => r.timeUs < record.timeUs || (r.timeUs === record.timeUs && i < at))
    .sort((a, b) => a.timeUs - b.timeUs)
    .slice(-BREADCRUMB_CAP);
  return prng.shuffle(earlier).map((crumb) => ({
    timestamp: new PyFloat(crumb.timeUs / 1e6),
    type: 'log',
    category: crumb.logger,
    level: LEVELS[crumb.level],
    message: cut(messageOf(crumb), maxChars),
    data: {},
  }));
}

/**
 * The `event_alert.triggered` webhook body Sentry sends for one logged
 * record, compact and ASCII-escaped as Sentry's Python serialiser writes it.
 */
export function sentryWebhookBody(record: StreamRecord, ctx: SentryContext): string {
  const message = messageOf(record);
  const title = message.split('\n')[0]!;
  const eventId = ctx.prng.hex(32);
  const issueId = String(
    4_000_000 +
      (hashOf(`${record.logger}|${record.template.split('\n')[0]}`) % 3_000_000),
  );
  const scope = record.scope;
  const event = {
    event_id: eventId,
    project: 4505,
    release: 'spa@2026.01.2',
    dist: null,
    platform: 'python',
    message: '',
    datetime: isoZ(record.timeUs, 6),
    tags: [
      ['environment', 'production'],
      ['level', LEVELS[record.level]],
      ['logger', record.logger],
      ['server_name', record.source],
    ],
    breadcrumbs: { values: breadcrumbs(record, ctx.prng, ctx.breadcrumbMaxChars) },
    contexts: { runtime: { name: 'CPython', version: '3.12.8', type: 'runtime' } },
    culprit: record.logger,
    environment: 'production',
    fingerprint: ['{{ default }}'],
    level: LEVELS[record.level],
    logentry: { formatted: message, message: record.template, params: record.args },
    logger: record.logger,
    metadata: { title },
    request:
      scope && scope.path !== null
        ? { url: `https://${ctx.host}${scope.path.split('?')[0]}`, method: scope.method }
        : undefined,
    user: scope?.user ?? null,
    timestamp: new PyFloat(record.timeUs / 1e6),
    type: 'default',
    title,
    url: `https://sentry.io/api/0/projects/acme/spa-api/events/${eventId}/`,
    web_url: `https://sentry.io/organizations/acme/issues/${issueId}/events/${eventId}/`,
    issue_url: `https://sentry.io/api/0/organizations/acme/issues/${issueId}/`,
    issue_id: issueId,
  };
  const body = {
    action: 'triggered',
    installation: { uuid: ctx.installation },
    data: { event, triggered_rule: 'Session log events' },
    actor: { type: 'application', id: 'sentry', name: 'Sentry' },
  };
  return pythonJson(body, { compact: true, ensureAscii: true });
}
