import { createHmac, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * True when `signature` (the `Sentry-Hook-Signature` header) is the hex
 * HMAC-SHA256 of the exact body bytes keyed with the client secret. Compares
 * in constant time; never re-serialise a parsed body to check it (Sentry
 * escapes non-ASCII text and writes floats such as `1.0`).
 *
 * @example
 *   verifySentrySignature(req.body, req.get('sentry-hook-signature'), secret);
 */
export function verifySentrySignature(
  rawBody: Buffer,
  signature: string,
  secret: string,
) {
  const given = signature.trim();
  if (!HEX_SHA256.test(given)) return false;

  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}
