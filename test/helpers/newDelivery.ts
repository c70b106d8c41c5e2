import type { NewDelivery } from '../../src/store/Store';

/** A stored Sentry delivery whose identity is only its content key. */
export function newDelivery(contentKey: string): NewDelivery {
  return {
    receivedAt: '2026-01-03T10:00:00.000Z',
    resource: 'event_alert',
    action: 'triggered',
    requestId: null,
    contentKey,
    outcome: 'stored',
  };
}
