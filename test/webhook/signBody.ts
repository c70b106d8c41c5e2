import { createHmac } from 'node:crypto';

export const SECRET = 'test-client-secret';

/** The hex HMAC-SHA256 Sentry puts in `Sentry-Hook-Signature`, over these exact bytes. */
export function sign(body: Buffer | string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
