import { z } from 'zod';

/** The envelope every Integration Platform webhook shares; the rest passes through. */
export const sentryWebhookBodySchema = z.looseObject({
  action: z.string().min(1),
  installation: z.looseObject({ uuid: z.string() }).optional(),
  data: z.record(z.string(), z.unknown()),
  actor: z
    .looseObject({
      type: z.string(),
      id: z.union([z.string(), z.number()]),
      name: z.string(),
    })
    .optional(),
});

export type SentryWebhookBody = z.infer<typeof sentryWebhookBodySchema>;

/** The part of a stored event the service relies on before the reader takes over. */
export const sentryStoredEventSchema = z.looseObject({
  event_id: z.string().min(1),
  // Read loosely: only to order copies of a record, never to refuse a body.
  timestamp: z.unknown(),
  datetime: z.unknown(),
});

/** The event's time in epoch ms (`timestamp` in float seconds, else `datetime`), or null. */
export function storedEventTimeMs(event: { timestamp?: unknown; datetime?: unknown }) {
  if (typeof event.timestamp === 'number' && Number.isFinite(event.timestamp)) {
    return event.timestamp * 1000;
  }
  const parsed = typeof event.datetime === 'string' ? Date.parse(event.datetime) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

/** Formats the first zod issue as `field "data.event.event_id": <what is wrong>`. */
export function describeBodyIssue(error: z.ZodError, prefix: string[] = []): string {
  const issue = error.issues[0];
  if (!issue) return 'webhook body is invalid';

  const path = [...prefix, ...issue.path.map(String)].join('.');
  return path === ''
    ? `webhook body is invalid: ${issue.message}`
    : `webhook body field "${path}" is invalid: ${issue.message}`;
}
