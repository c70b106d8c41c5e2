import type { Request, Response } from 'express';

import type { Logger } from '../src/logging/createLogger';
import type { DeliveryOutcome } from './createMetrics';

/** What the delivery's access-log line and metrics learn while it is handled. */
export interface DeliveryLocals {
  resource: string | null;
  outcome: DeliveryOutcome | null;
}

/** The logger of one webhook delivery, its id on every line. */
export function deliveryLogger(req: Request): Logger {
  // req.log already says `part: 'http'`; a second `part` would repeat the key.
  return req.log.child({ delivery: 'sentry-webhook', deliveryId: String(req.id) });
}

/** Refuses a delivery: the status, a one-line JSON error, the outcome for metrics, a warning. */
export function reject(
  res: Response,
  status: number,
  outcome: DeliveryOutcome,
  message: string,
) {
  const locals = res.locals.delivery as DeliveryLocals;
  locals.outcome = outcome;
  deliveryLogger(res.req).warn({ status, outcome, reason: message }, 'delivery refused');
  res.status(status).json({ error: message });
}
