// Django's `django.request` logger writes `Unauthorized: /path` and the like.
const PHRASES = [
  'Unauthorized',
  'Forbidden',
  'Bad Request',
  'Not Found',
  'Method Not Allowed',
  'Gone',
  'Too Many Requests',
  'Internal Server Error',
  'Service Unavailable',
];
const REFUSAL = new RegExp(`^(?:${PHRASES.join('|')}): (/[^\\s?#]*)`);

/** The request path of a `django.request` line (`Unauthorized: /api/...`). */
export function requestPathOf(message: string): string | undefined {
  const c = message.charCodeAt(0);
  // B F G I M N S T U: first letters of the phrases above.
  if (c < 66 || c > 85) return undefined;
  const match = REFUSAL.exec(message);
  return match === null ? undefined : match[1];
}
