import { createHash, timingSafeEqual } from 'node:crypto';

import type { RequestHandler } from 'express';

/**
 * Guards `/api/*` with `Authorization: Bearer <LOGOUT_LENS_API_TOKEN>`.
 * Unset token: 503 naming the setting. Missing or wrong: 401.
 */
export function requireBearerToken(token: string | null): RequestHandler {
  const expected = token === null ? null : digest(token);

  return (req, res, next) => {
    if (expected === null) {
      res.status(503).json({
        error: 'LOGOUT_LENS_API_TOKEN is not set; set it to enable /api',
      });
      return;
    }

    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({
        error: 'Authorization header is missing; send "Authorization: Bearer <token>"',
      });
      return;
    }

    // Digests have equal lengths, so the comparison takes the same time for any token.
    if (!timingSafeEqual(digest(match[1]), expected)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer error="invalid_token"')
        .json({ error: 'Authorization bearer token is wrong' });
      return;
    }
    next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
