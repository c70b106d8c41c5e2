/**
 * The `rel="next"` URL of Sentry's `Link` header, only while it says
 * `results="true"` (Sentry always sends a next cursor, even past the end).
 */
export function nextPageUrl(link: string | null): string | null {
  if (!link) return null;

  for (const part of link.split(/,(?=\s*<)/)) {
    const url = /<([^>]+)>/.exec(part)?.[1];
    if (!url || !/;\s*rel="?next"?/.test(part)) continue;
    return /;\s*results="?true"?/.test(part) ? url : null;
  }
  return null;
}
