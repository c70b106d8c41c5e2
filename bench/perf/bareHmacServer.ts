/**
 * Child process of the bench: the floor for a webhook endpoint on this
 * machine, an Express route that reads the raw body, verifies its HMAC in
 * constant time and answers 204. Listens on PORT; prints `ready`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import express from 'express';

const secret = process.env.SENTRY_CLIENT_SECRET ?? '';
const app = express();

app.post('/webhooks/sentry', express.raw({ type: '*/*', limit: '5mb' }), (req, res) => {
  const given = Buffer.from(req.get('sentry-hook-signature') ?? '', 'hex');
  const expected = createHmac('sha256', secret)
    .update(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0))
    .digest();
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  res.status(ok ? 204 : 401).end();
});

const server = app.listen(Number(process.env.PORT), '127.0.0.1', () =>
  process.stdout.write('ready\n'),
);
process.on('SIGTERM', () => server.close());
