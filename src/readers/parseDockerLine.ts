import type { ParsedLine } from './ParsedLine';
import { lineFromMessage } from './lineFromMessage';
import { scanDateTime } from './scanDateTime';

/** `web-1  | ` as `docker compose logs` writes it before each line. */
function composeService(line: string): { name: string; end: number } | null {
  const bar = line.indexOf('| ');
  if (bar <= 0 || bar > 80) return null;
  let nameEnd = bar;
  while (nameEnd > 0 && line.charCodeAt(nameEnd - 1) === 32) nameEnd--;
  if (nameEnd === 0) return null;
  for (let i = 0; i < nameEnd; i++) {
    const c = line.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 95 ||
      c === 45 ||
      c === 46;
    if (!ok) return null;
  }
  return { name: line.slice(0, nameEnd), end: bar + 2 };
}

/**
 * `docker logs --timestamps`: `2026-01-03T10:00:00.123456789Z message`, with
 * no source (one container), or `docker compose logs -t` with the service
 * name in front (`web-1  | 2026-... message`), which becomes the source.
 * Null when the line does not start with a time (after the service name).
 */
export function parseDockerLine(line: string, timezone: string): ParsedLine | null {
  let source: string | null = null;
  let at = 0;
  const first = line.charCodeAt(0);
  if (first < 48 || first > 57) {
    const service = composeService(line);
    if (service === null) return null;
    source = service.name;
    at = service.end;
  }

  const scanned = scanDateTime(line, at, timezone);
  if (scanned === null) return null;
  const after = line.charCodeAt(scanned.end);
  if (after !== 32 && !Number.isNaN(after)) return null;
  return lineFromMessage(scanned.ms, source, line.slice(scanned.end + 1), timezone);
}
