/** One token of a Python `repr`, with the offsets it spans. */
export type ReprToken = { start: number; end: number } & (
  | { type: 'punct'; value: '[' | ']' | '(' | ')' | '{' | '}' | ',' | ':' | '=' }
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  /** A name or dotted name: `None`, `UUID`, `datetime.timezone.utc`. */
  | { type: 'name'; value: string }
  /** `<UTC>`, `<object at 0x7f...>`: the text between the brackets. */
  | { type: 'opaque'; value: string }
  /** `...` or `…`: where an SDK or the guide cut the text. */
  | { type: 'cut' }
  | { type: 'end' }
  /** Unreadable text; `truncated` when it is a literal the text ended inside. */
  | { type: 'bad'; reason: string; truncated: boolean }
);

const PUNCT = '[](){},:=';
const NAME = /[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*/y;
// Decimal, float, exponent, hex/octal/binary, `_` separators, complex `j`.
const NUMBER = new RegExp(
  '[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|' +
    '(?:\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(?:[eE][-+]?\\d+)?)[jJ]?',
  'y',
);
const STRING_PREFIX = /^(?:[rubfRUBF]|[rR][bBfF]|[bBfF][rR])$/;
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The token that starts at or after `pos` (blanks and newlines are skipped). */
export function nextReprToken(text: string, pos: number): ReprToken {
  let start = pos;
  while (start < text.length && /\s/.test(text[start] ?? '')) start++;
  if (start >= text.length) return { type: 'end', start, end: start };

  const char = text[start] ?? '';
  if (text.startsWith('...', start)) return { type: 'cut', start, end: start + 3 };
  if (char === '…') return { type: 'cut', start, end: start + 1 };
  if (PUNCT.includes(char)) {
    const value = char as Extract<ReprToken, { type: 'punct' }>['value'];
    return { type: 'punct', value, start, end: start + 1 };
  }
  if (char === "'" || char === '"') return readString(text, start, start, false);
  if (char === '<') return readOpaque(text, start);

  NUMBER.lastIndex = start;
  const number = NUMBER.exec(text);
  if (number && /\d/.test(number[0])) {
    return {
      type: 'number',
      value: toNumber(number[0]),
      start,
      end: start + number[0].length,
    };
  }

  NAME.lastIndex = start;
  const name = NAME.exec(text);
  if (!name) {
    return {
      type: 'bad',
      reason: `unexpected '${char}'`,
      truncated: false,
      start,
      end: start,
    };
  }
  const end = start + name[0].length;
  const quote = text[end];
  if (STRING_PREFIX.test(name[0]) && (quote === "'" || quote === '"')) {
    return readString(text, start, end, name[0].toLowerCase().includes('r'));
  }
  return { type: 'name', value: name[0].replace(/\s+/g, ''), start, end };
}

function readString(
  text: string,
  start: number,
  quoteAt: number,
  raw: boolean,
): ReprToken {
  const quote = text[quoteAt] ?? "'";
  const closing = text.startsWith(quote.repeat(3), quoteAt) ? quote.repeat(3) : quote;
  let pos = quoteAt + closing.length;
  let value = '';

  while (pos < text.length) {
    if (text.startsWith(closing, pos)) {
      return { type: 'string', value, start, end: pos + closing.length };
    }
    const char = text[pos] ?? '';
    // A one-line literal cannot span lines: the rest was lost (a platform split).
    if (char === '\n' && closing.length === 1) break;
    if (char === '\\' && !raw) {
      const escape = readEscape(text, pos);
      value += escape.value;
      pos = escape.end;
      continue;
    }
    value += char;
    pos++;
  }
  return {
    type: 'bad',
    reason: `unterminated string at ${start}`,
    truncated: true,
    start,
    end: pos,
  };
}

function readEscape(text: string, pos: number): { value: string; end: number } {
  const code = text[pos + 1];
  if (code === undefined) return { value: '', end: pos + 1 };

  const hexLength = code === 'x' ? 2 : code === 'u' ? 4 : code === 'U' ? 8 : 0;
  const hex = text.slice(pos + 2, pos + 2 + hexLength);
  if (hexLength > 0 && hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
    const codePoint = Math.min(parseInt(hex, 16), 0x10ffff);
    return { value: String.fromCodePoint(codePoint), end: pos + 2 + hexLength };
  }
  if (code === '\n') return { value: '', end: pos + 2 }; // a line continuation
  return { value: SIMPLE_ESCAPES[code] ?? `\\${code}`, end: pos + 2 };
}

function readOpaque(text: string, start: number): ReprToken {
  let depth = 0;
  for (let pos = start; pos < text.length; pos++) {
    if (text[pos] === '<') depth++;
    if (text[pos] === '>' && --depth === 0) {
      return {
        type: 'opaque',
        value: text.slice(start + 1, pos).trim(),
        start,
        end: pos + 1,
      };
    }
  }
  const reason = `unterminated <...> at ${start}`;
  return { type: 'bad', reason, truncated: true, start, end: text.length };
}

function toNumber(literal: string): number {
  const clean = literal.replace(/_/g, '').replace(/[jJ]$/, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  return sign * Number(clean.replace(/^[-+]/, '').toLowerCase());
}
