import type { IncidentCursor } from '../src/store/Store';

/** The listing's opaque `cursor`: base64url of the last row's sort key. */
export function encodeIncidentCursor(cursor: IncidentCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastSeenMs, cursor.id])).toString(
    'base64url',
  );
}

/** The cursor's position, or null when the text is not a cursor this service gave out. */
export function decodeIncidentCursor(text: string): IncidentCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }

  if (!Array.isArray(value) || value.length !== 2) return null;
  const [lastSeenMs, id] = value as unknown[];
  if (typeof lastSeenMs !== 'number' || !Number.isFinite(lastSeenMs)) return null;
  if (typeof id !== 'string' || id === '') return null;
  return { lastSeenMs, id };
}
