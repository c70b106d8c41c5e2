/** Index just past the octet count and its space when a frame starts at `at`, else -1. */
function frameBody(line: string, at: number): number {
  let i = at;
  while (line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  if (
    i === at ||
    i - at > 7 ||
    line.charCodeAt(i) !== 32 ||
    line.charCodeAt(i + 1) !== 60
  ) {
    return -1;
  }
  return i + 1;
}

/** The string index `bytes` UTF-8 bytes after `from` (clamped to the end). */
function byteOffsetToIndex(text: string, from: number, bytes: number): number {
  let i = from;
  let left = bytes;
  while (i < text.length && left > 0) {
    const c = text.charCodeAt(i);
    if (c < 0x80) left -= 1;
    else if (c < 0x800) left -= 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      left -= 4;
      i++;
    } else left -= 3;
    i++;
  }
  return i;
}

/**
 * Splits a line that holds several octet-counted syslog frames back to back
 * (`83 <40>1 ...84 <40>1 ...`, as a raw drain body arrives). Null when the
 * line is a single frame, which is the common case and costs one length
 * check. Counts are in UTF-8 bytes; a count that does not land on another
 * frame header is not trusted, and the rest stays one frame.
 */
export function splitOctetFrames(line: string): string[] | null {
  const firstBody = frameBody(line, 0);
  if (firstBody < 0) return null;
  // Characters never outnumber bytes: this few characters is one frame.
  if (line.length - firstBody <= Number(line.slice(0, firstBody - 1))) return null;

  const frames: string[] = [];
  let at = 0;
  while (at < line.length) {
    const body = frameBody(line, at);
    const end = byteOffsetToIndex(line, body, Number(line.slice(at, body - 1)));
    let next = end;
    while (line.charCodeAt(next) === 10 || line.charCodeAt(next) === 32) next++;
    if (next < line.length && frameBody(line, next) < 0) {
      frames.push(line.slice(at));
      break;
    }
    frames.push(line.slice(at, end));
    at = next;
  }
  return frames.length > 1 ? frames : null;
}
