import { isIPv4, isIPv6 } from 'node:net';

// Dates and calendar versions (2026-01-03, 2026.01.2) have seven digits and
// separators, like a phone; they are not personal, and first_seen must stay readable.
const DATE = /(?<![\d+])(?:19|20)\d{2}([-./])\d{1,2}\1\d{1,2}(?!\d)/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Hex groups and colons, an IPv4 tail or a zone id allowed; `isIPv6` decides.
const IPV6 =
  /(?:[0-9a-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4})(?:%[\w.~-]+)?/gi;
const IPV4 = /(?<!\d)\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\d)/g;
// Between the digit groups of a phone: spaces, dashes, dots, brackets, `+`
// (a space in a query string), or their percent-encodings.
const SEPARATOR = String.raw`(?:[ \t\u00a0\-.()+\u2010-\u2015]|%20|%2[dDeE8-9])`;
const DIGITS = new RegExp(String.raw`(\+|%2[bB])?\d(?:${SEPARATOR}{0,3}\d)*`, 'g');
const HEX_LETTER = /[a-f]/i;
const HEX_CHAR = /[0-9a-f]/i;
// A hex id this long (a JTI, a hash) keeps the digit runs inside it readable.
const MIN_HEX_ID = 16;

interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Hides phone numbers and IP addresses in text bound for Slack. Any run of
 * seven or more digits, whatever separates its groups and whatever letters
 * touch it, counts as a phone: it keeps a short prefix and its last 4 digits
 * (`+57300•••4567`), or 2 digits when shorter than 10. An IPv4 address keeps
 * its first octet, an IPv6 address its first group. Dates, UUIDs and digit
 * runs inside long hex ids (JTIs) stay as they are.
 *
 * @example
 *   maskPersonalData('+57 300 123 4567 from host_10.1.2.3');
 *   // '+57 300 ••• 4567 from host_10.•••.•••.•••'
 */
export function maskPersonalData(text: string): string {
  if (!/\d/.test(text)) return text;

  // Each step searches a view where what earlier steps kept or masked is
  // blanked out, so no later pattern runs across it; offsets stay the same.
  let view = text;
  const spans: Span[] = [];
  const blank = (start: number, end: number) => {
    view = `${view.slice(0, start)}${'x'.repeat(end - start)}${view.slice(end)}`;
  };
  const step = (
    pattern: RegExp,
    decide: (found: string, at: number) => Span | 'keep' | null,
  ) => {
    for (const match of [...view.matchAll(pattern)]) {
      const decided = decide(match[0], match.index);
      if (decided === null) continue;
      if (decided === 'keep') blank(match.index, match.index + match[0].length);
      else {
        spans.push(decided);
        blank(decided.start, decided.end);
      }
    }
  };

  step(DATE, () => 'keep');
  step(UUID, () => 'keep');
  step(IPV6, (found, at) => maskedIpv6(found, at));
  step(IPV4, (found, at) =>
    isIPv4(found)
      ? {
          start: at,
          end: at + found.length,
          text: `${found.split('.')[0]}.•••.•••.•••`,
        }
      : null,
  );
  step(DIGITS, (found, at) => maskedDigits(text, found, at));

  let masked = text;
  for (const span of spans.sort((a, b) => b.start - a.start)) {
    masked = `${masked.slice(0, span.start)}${span.text}${masked.slice(span.end)}`;
  }
  return masked;
}

function maskedIpv6(found: string, at: number): Span | null {
  let core = found.replace(/%.*$/, '');
  let start = at;
  // `ip:2001:db8::1` matches from the colon after `ip`; `…::1:` may end on one.
  if (core.startsWith(':') && !core.startsWith('::')) {
    core = core.slice(1);
    start += 1;
  }
  if (core.endsWith(':') && !core.endsWith('::')) core = core.slice(0, -1);
  if (!isIPv6(core)) return null;
  // `std::vector`, `Foo::bar` and `::1` are no one's address.
  const groups = core.split(':').filter((group) => group !== '');
  if (groups.length < 2 || !/\d/.test(core)) return null;

  const end = start + (found.length - (start - at));
  return {
    start,
    end,
    text: core.startsWith('::') ? '::•••' : `${groups[0] ?? ''}:•••`,
  };
}

function maskedDigits(text: string, found: string, at: number): Span | null {
  const sign = /^(?:\+|%2[bB])/.exec(found)?.[0] ?? '';
  const digitCount = found.slice(sign.length).replace(/\D/g, '').length;
  if (digitCount < 7) return null;

  const end = at + found.length;
  if (sign === '' && insideHexId(text, at, end)) return null;

  const keepFirst = digitCount >= 10 ? Math.min(5, digitCount - 7) : 2;
  const keepLast = digitCount >= 10 ? 4 : 0;
  let seen = 0;
  let body = '';
  for (const char of found.slice(sign.length)) {
    if (!/\d/.test(char)) {
      body += char;
      continue;
    }
    seen += 1;
    body += seen <= keepFirst || seen > digitCount - keepLast ? char : '•';
  }
  // However many digits were hidden, show three dots: the length says nothing.
  return { start: at, end, text: `${sign}${body.replace(/•+/g, '•••')}` };
}

/** A digit run between hex letters of one long hex token (a JTI, a hash). */
function insideHexId(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (!HEX_LETTER.test(before) || !HEX_LETTER.test(after)) return false;

  let from = start;
  while (from > 0 && HEX_CHAR.test(text[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < text.length && HEX_CHAR.test(text[to] ?? '')) to += 1;
  return to - from >= MIN_HEX_ID && /^[0-9a-f]+$/i.test(text.slice(start, end));
}
