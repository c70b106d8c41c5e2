import { createHmac, timingSafeEqual } from 'node:crypto';

export interface IncidentLinks {
  /** `PUBLIC_URL/incidents/{id}?sig=…`, valid for `LINK_TTL` from now. */
  urlFor(incidentId: string): string;
  /** Why a signature does not open the incident, or null when it does. */
  refusal(incidentId: string, sig: unknown): 'missing' | 'invalid' | 'expired' | null;
}

export interface IncidentLinksOptions {
  /** `PUBLIC_URL`; a function because the port may be known only once listening. */
  publicUrl: string | (() => string);
  secret: string;
  ttlMs: number;
  now: () => Date;
}

/**
 * Signed links to one incident's read-only page. The signature carries its
 * own expiry (`<expires, epoch s>.<HMAC-SHA256 of id and expiry>`), so no
 * link is stored and a changed secret invalidates every link.
 *
 * @example
 *   const links = createIncidentLinks({ publicUrl, secret, ttlMs, now });
 *   links.urlFor('3f2a…'); // https://lens.example.com/incidents/3f2a…?sig=1767…
 */
export function createIncidentLinks(options: IncidentLinksOptions): IncidentLinks {
  const mac = (id: string, expires: string) =>
    createHmac('sha256', options.secret).update(`${id}\n${expires}`).digest();

  return {
    urlFor(incidentId) {
      const expires = String(Math.ceil((options.now().getTime() + options.ttlMs) / 1000));
      const sig = `${expires}.${mac(incidentId, expires).toString('base64url')}`;
      const base =
        typeof options.publicUrl === 'string' ? options.publicUrl : options.publicUrl();
      return `${base}/incidents/${encodeURIComponent(incidentId)}?sig=${sig}`;
    },

    refusal(incidentId, sig) {
      if (typeof sig !== 'string' || sig === '') return 'missing';

      const match = /^(\d{1,12})\.([\w-]{43})$/.exec(sig);
      if (!match?.[1] || !match[2]) return 'invalid';
      // The text is compared, not its decoding: base64url's last character has
      // spare bits, and a link differing in them must not open anything.
      const given = Buffer.from(match[2], 'ascii');
      const expected = Buffer.from(
        mac(incidentId, match[1]).toString('base64url'),
        'ascii',
      );
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return 'invalid';
      }
      // Checked after the MAC, so a forged expiry cannot be told from a wrong one.
      return Number(match[1]) * 1000 < options.now().getTime() ? 'expired' : null;
    },
  };
}
