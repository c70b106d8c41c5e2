import { isPlainObject } from './isPlainObject';

/**
 * True for what `recordsFromSentryBody` reads: an Integration Platform
 * webhook body (`{action, data}`), a legacy plugin body (`{event: {...}}`),
 * a stored / raw SDK event or a REST event. A JSON log line is none of these.
 */
export function isSentryPayload(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  if (typeof value.action === 'string' && isPlainObject(value.data)) return true;
  if (isPlainObject(value.event)) return true;
  if (Array.isArray(value.entries) || typeof value.eventID === 'string') return true;
  if (isPlainObject(value.logentry) || isPlainObject(value.exception)) return true;
  if (typeof value.event_id !== 'string') return false;
  return (
    value.breadcrumbs !== undefined ||
    value.timestamp !== undefined ||
    value.message !== undefined ||
    value.level !== undefined
  );
}

const ITEM_HEADER_KEYS = new Set([
  'type',
  'length',
  'content_type',
  'filename',
  'attachment_type',
  'item_count',
  'platform',
]);

/**
 * True for the frame lines of an SDK envelope that carry no log: the
 * envelope header (`{event_id, sent_at, dsn, sdk}`) and item headers
 * (`{type: "event", length}`). They are neither records nor garbage.
 */
export function isEnvelopeFrame(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if ('sent_at' in value || 'dsn' in value) {
    return !('logentry' in value) && !('message' in value) && !('exception' in value);
  }
  if (typeof value.type !== 'string') return false;
  return Object.keys(value).every((key) => ITEM_HEADER_KEYS.has(key));
}
