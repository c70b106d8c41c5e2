import { createHmac } from 'node:crypto';

import { generateStream, renderStream } from '../generateStream';

export interface SignedDelivery {
  body: string;
  signature: string;
}

const CRUMBS_PER_BODY = 100;
const CRUMB_SPACING_S = 0.05;

interface Breadcrumb {
  timestamp: number;
  message?: string;
  [key: string]: unknown;
}

/**
 * `count` distinct `event_alert.triggered` bodies as Sentry sends them, each
 * with 100 breadcrumbs and its own event id, signed with `secret`. The events
 * and breadcrumbs come from the generator's `sentry` shape; breadcrumbs are
 * drawn from the whole stream (tagged and filler lines alike) and retimed to
 * lead up to their event.
 */
export function webhookBodies(count: number, secret: string): SignedDelivery[] {
  const { records } = generateStream({ seed: 11, hours: 6, stories: 120 });
  const lines = renderStream(records, 'sentry', { seed: 11 }).split('\n');
  const events: Record<string, unknown>[] = [];
  const pool: Breadcrumb[] = [];
  for (const text of lines) {
    if (text.length === 0) continue;
    const body = JSON.parse(text) as { data?: { event?: Record<string, unknown> } };
    const event = body.data?.event;
    if (event === undefined) continue;
    events.push(body as Record<string, unknown>);
    const crumbs = (event.breadcrumbs as { values?: Breadcrumb[] } | undefined)?.values;
    for (const crumb of crumbs ?? []) pool.push(crumb);
  }
  // Filler events alone would repeat the same few crumbs: the pool mixes in
  // each event's own message as a crumb too.
  for (const body of events) {
    const event = (body.data as { event: Record<string, unknown> }).event;
    const formatted = (event.logentry as { formatted?: string } | undefined)?.formatted;
    if (formatted !== undefined)
      pool.push({
        timestamp: event.timestamp as number,
        type: 'log',
        category: event.logger,
        level: event.level,
        message: formatted,
        data: {},
      });
  }

  const deliveries: SignedDelivery[] = [];
  for (let i = 0; i < count; i++) {
    const body = structuredClone(events[i % events.length] as Record<string, unknown>);
    const event = (body.data as { event: Record<string, unknown> }).event;
    const eventId = `${i.toString(16).padStart(8, '0')}${'b'.repeat(24)}`;
    event.event_id = eventId;
    const at = event.timestamp as number;
    const crumbs: Breadcrumb[] = [];
    for (let k = 0; k < CRUMBS_PER_BODY; k++) {
      const crumb = pool[(i * 37 + k * 7) % pool.length] as Breadcrumb;
      crumbs.push({ ...crumb, timestamp: at - (CRUMBS_PER_BODY - k) * CRUMB_SPACING_S });
    }
    event.breadcrumbs = { values: crumbs };
    // Sentry sends non-ASCII text escaped.
    const text = JSON.stringify(body).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const signature = createHmac('sha256', secret).update(text).digest('hex');
    deliveries.push({ body: text, signature });
  }
  return deliveries;
}
