import type { LogRecord, RecordOrigin } from '../model/LogRecord';
import { formatPythonPercent } from './formatPythonPercent';
import { isPlainObject } from './isPlainObject';
import { parseAppPrefix } from './parseAppPrefix';
import { parseLogTime } from './parseLogTime';
import { renderSentryException } from './renderSentryException';

/** The SDK keeps at most this many breadcrumbs per event, dropping the oldest. */
const BREADCRUMB_CAP = 100;

/** What a wrapper (the legacy plugin body) knows when its event does not say it. */
export interface EventFallback {
  issueId?: string;
  webUrl?: string;
  level?: string;
  logger?: string;
  message?: string;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Tags as `[[k, v]]` (stored), `[{key, value}]` (REST) or `{k: v}`. */
function tagMap(tags: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (Array.isArray(tags)) {
    for (const tag of tags) {
      if (Array.isArray(tag)) {
        const [k, v] = tag as unknown[];
        if (typeof k === 'string' && text(v) !== undefined) map.set(k, text(v) as string);
      } else if (isPlainObject(tag) && typeof tag.key === 'string') {
        const v = text(tag.value);
        if (v !== undefined) map.set(tag.key, v);
      }
    }
  } else if (isPlainObject(tags)) {
    for (const [k, v] of Object.entries(tags)) {
      const value = text(v);
      if (value !== undefined) map.set(k, value);
    }
  }
  return map;
}

function userLabel(user: unknown): string | undefined {
  if (!isPlainObject(user)) return text(user);
  return (
    text(user.id) ?? text(user.username) ?? text(user.email) ?? text(user.ip_address)
  );
}

/** A web link from the API links Sentry sends (`issue_url`, `url`). */
function deriveWebUrl(
  event: Record<string, unknown>,
  eventId: string | undefined,
  issueId: string | undefined,
): string | undefined {
  if (eventId === undefined) return undefined;
  const issueUrl = text(event.issue_url) ?? '';
  const issue =
    /^(https?:\/\/[^/]+)\/api\/0\/organizations\/([^/]+)\/issues\/([^/]+)\/?$/.exec(
      issueUrl,
    );
  if (issue !== null) {
    const [, base, org, id] = issue;
    return `${base}/organizations/${org}/issues/${id}/events/${eventId}/`;
  }
  const apiUrl = text(event.url) ?? '';
  const project =
    /^(https?:\/\/[^/]+)\/api\/0\/projects\/([^/]+)\/([^/]+)\/events\//.exec(apiUrl);
  if (project === null) return undefined;
  const [, base, org, slug] = project;
  return issueId !== undefined
    ? `${base}/organizations/${org}/issues/${issueId}/events/${eventId}/`
    : `${base}/organizations/${org}/projects/${slug}/events/${eventId}/`;
}

/** `logentry` / the REST `message` entry / a message interface: formatted text first. */
function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (!isPlainObject(value)) return undefined;
  const formatted = text(value.formatted);
  if (formatted !== undefined) return formatted;
  const template = text(value.message);
  if (template === undefined) return undefined;
  return value.params === undefined
    ? template
    : formatPythonPercent(template, value.params);
}

function entryData(entries: unknown[], type: string): unknown {
  for (const entry of entries) {
    if (isPlainObject(entry) && entry.type === type) return entry.data;
  }
  return undefined;
}

function breadcrumbList(event: Record<string, unknown>, entries: unknown[]): unknown[] {
  const crumbs = event.breadcrumbs ?? entryData(entries, 'breadcrumbs');
  if (Array.isArray(crumbs)) return crumbs;
  if (isPlainObject(crumbs) && Array.isArray(crumbs.values)) return crumbs.values;
  return [];
}

/** The message without an app prefix the SDK may have kept (`INFO users.signals ...`). */
function withoutPrefix(message: string, timezone: string) {
  const prefix = parseAppPrefix(message, timezone);
  return prefix === null
    ? { message, level: null, logger: null }
    : { message: prefix.message, level: prefix.level, logger: prefix.logger };
}

function upper(value: string | undefined | null): string | null {
  return value === undefined || value === null ? null : value.toUpperCase();
}

/**
 * The records of one Sentry event, stored (snake_case, as webhooks carry it)
 * or REST (`entries[]`, camelCase): one for the event's own message (or its
 * exception) and one per breadcrumb that has a message, each breadcrumb at
 * its own time. All share the source `sentry:<event_id>`, the request scope.
 */
export function sentryEventRecords(
  event: Record<string, unknown>,
  input: string,
  timezone: string,
  fallback: EventFallback = {},
): LogRecord[] {
  const entries = Array.isArray(event.entries) ? event.entries : [];
  const tags = tagMap(event.tags);
  const eventId = text(event.event_id) ?? text(event.eventID) ?? text(event.id);
  const issueId =
    text(event.issue_id) ??
    text(event.groupID) ??
    text(event.group_id) ??
    fallback.issueId;
  const webUrl =
    text(event.web_url) ?? deriveWebUrl(event, eventId, issueId) ?? fallback.webUrl;
  const sentryUser = userLabel(event.user);
  const crumbs = breadcrumbList(event, entries);

  const origin: Omit<RecordOrigin, 'kind'> = { input };
  if (eventId !== undefined) origin.eventId = eventId;
  if (issueId !== undefined) origin.issueId = issueId;
  if (webUrl !== undefined) origin.webUrl = webUrl;
  if (sentryUser !== undefined) origin.sentryUser = sentryUser;
  if (crumbs.length >= BREADCRUMB_CAP) origin.breadcrumbsCapped = true;
  const source = eventId === undefined ? null : `sentry:${eventId}`;

  const records: LogRecord[] = [];
  for (const crumb of crumbs) {
    if (!isPlainObject(crumb)) continue;
    const raw = messageText(crumb.message);
    if (raw === undefined) continue;
    const parts = withoutPrefix(raw, timezone);
    records.push({
      time: parseLogTime(crumb.timestamp, timezone),
      source,
      logger: text(crumb.category) ?? parts.logger,
      level: upper(text(crumb.level) ?? parts.level),
      message: parts.message,
      origin: { kind: 'sentry-breadcrumb', ...origin },
    });
  }

  const exception = renderSentryException(
    event.exception ?? entryData(entries, 'exception'),
  );
  let message =
    messageText(event.logentry) ??
    messageText(entryData(entries, 'message')) ??
    messageText(event.message) ??
    fallback.message;
  if (
    message !== undefined &&
    exception !== null &&
    !message.includes('Traceback (most')
  ) {
    message = `${message}\n${exception.traceback}`;
  } else if (message === undefined && exception !== null) {
    message = `${exception.summary}\n${exception.traceback}`;
  }
  if (message !== undefined) {
    const parts = withoutPrefix(message, timezone);
    records.push({
      time:
        parseLogTime(event.timestamp, timezone) ??
        parseLogTime(event.datetime, timezone) ??
        parseLogTime(event.dateCreated, timezone) ??
        parseLogTime(event.received, timezone),
      source,
      logger: text(event.logger) ?? tags.get('logger') ?? fallback.logger ?? parts.logger,
      level: upper(
        text(event.level) ?? tags.get('level') ?? fallback.level ?? parts.level,
      ),
      message: parts.message,
      origin: { kind: 'sentry-event', ...origin },
    });
  }
  return records;
}
