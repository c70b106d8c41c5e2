/** Resources whose body carries a stored event, and the `data` key that holds it. */
export const eventResources = { event_alert: 'event', error: 'error' } as const;
export type EventResource = keyof typeof eventResources;

// Which `data` key betrays which resource when `Sentry-Hook-Resource` is missing.
const resourceByDataKey: [key: string, resource: string][] = [
  ['event', 'event_alert'],
  ['error', 'error'],
  ['issue', 'issue'],
  ['comment', 'comment'],
  ['comment_id', 'comment'],
  ['installation', 'installation'],
  ['metric_alert', 'metric_alert'],
];

export const inferableDataKeys = [...new Set(resourceByDataKey.map(([key]) => key))];

/**
 * The delivery's resource: the `Sentry-Hook-Resource` header, else what the
 * body's `data` keys say, else null.
 */
export function resolveResource(
  header: string | undefined,
  data: Record<string, unknown>,
): string | null {
  const named = header?.trim();
  if (named) return named;

  const found = resourceByDataKey.find(([key]) => data[key] !== undefined);
  return found ? found[1] : null;
}

export function isEventResource(resource: string): resource is EventResource {
  return Object.hasOwn(eventResources, resource);
}
