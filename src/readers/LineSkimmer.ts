import { incompleteUtf8Tail } from './incompleteUtf8Tail';
import { MAX_LINE_CHARS, PIECE_BYTES } from './LineSplitter';
import type { ParsedLine } from './ParsedLine';
import { Joins, type RecordAssembler } from './RecordAssembler';
import { lineTimeEnd, scanLineTime } from './scanLineTime';

const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'CRITICAL', 'FATAL'];
const APP = Buffer.from('app[', 'latin1');
const WIDE = /[\x80-\xff]/g;
const HEROKU = Buffer.from('heroku[', 'latin1');

function startsWithBytes(bytes: Buffer, at: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/**
 * Splits an input's bytes into lines and reads the lines that cannot matter
 * without decoding them (SPEC §1 grouping kept, through the assembler's
 * skimmed records). A line is skimmed only when it has the strict Heroku
 * (`TIME app[web.1]: `, `TIME heroku[router]: `) or docker (`TIME `) prefix
 * and its record cannot be a signal: no `[` before an upper-case letter,
 * escape or non-ASCII character, no `Unauthorized:`, no escape code, no
 * app prefix left at the start of the message that could hide a tag on
 * the next line, and for router lines no `401` anywhere. Every other line
 * is decoded and handed to `slowLine`, which reads it as before, as are the
 * lines that continue a record kept with its text (a signal's stack).
 *
 * Bytes are viewed as Latin-1 strings, so string offsets are byte offsets;
 * only ASCII is compared, and text is decoded as UTF-8 from the bytes.
 */
export class LineSkimmer {
  /** 1-based number of the last line split (empty lines count). */
  lineNo = 0;
  // The unfinished line's bytes are `carry[0, carryLength)`; `carryChars`
  // counts the UTF-16 units of `carry[0, carryCounted)` decoded, only once
  // the line is long enough to be cut.
  private carry: Buffer = Buffer.alloc(0);
  private carryLength = 0;
  private carryChars = 0;
  private carryCounted = 0;
  private readonly sources: string[] = [];
  // Next occurrence at or after the last asked position in the current
  // piece (the piece's length when none): each text is searched once.
  private nextBracket = -1;
  private nextEscape = -1;
  private nextRefusal = -1;
  private next401 = -1;
  private nextWide = -1;
  // The bytes of the current piece and its offset in them: single
  // characters are read from the bytes, far cheaper than `charCodeAt`.
  private b: Buffer = Buffer.alloc(0);
  private o = 0;

  constructor(
    private readonly assembler: RecordAssembler,
    /** A line (without its end) for the full reader; `lineNo` is its number. */
    private readonly slowLine: (raw: string, lineNo: number) => void,
    private readonly seqPerLine: number,
    /** Longest line kept whole, in UTF-16 units, as `LineSplitter` counts it. */
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {}

  /**
   * Reads a chunk in the pieces `LineSplitter` decodes it in, so that a line
   * too long to keep whole is cut exactly where the full reader cuts it.
   */
  push(chunk: Buffer): void {
    for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
      this.pushPiece(chunk, at, Math.min(at + PIECE_BYTES, chunk.length));
    }
  }

  /** Hands on the last line when the input does not end with a newline. */
  end(): void {
    let end = this.carryLength;
    if (end > 0 && this.carry[end - 1] === 13) end--;
    const rest = end === 0 ? '' : this.carry.toString('utf8', 0, end);
    this.clearCarry();
    if (rest === '') return;
    this.lineNo++;
    this.slowLine(rest, this.lineNo);
  }

  private clearCarry(): void {
    this.carryLength = 0;
    this.carryChars = 0;
    this.carryCounted = 0;
    // One giant line must not pin its buffer for the rest of the input.
    if (this.carry.length > PIECE_BYTES) this.carry = Buffer.alloc(0);
  }

  private pushPiece(chunk: Buffer, from: number, to: number): void {
    if (this.carryLength > 0) {
      const newline = chunk.subarray(from, to).indexOf(10);
      if (newline < 0) {
        this.addToCarry(chunk, from, to);
        this.cutLongLine();
        return;
      }
      // A line of its own: skimmed records keep the bytes, the carry is reused.
      const line = Buffer.concat([
        this.carry.subarray(0, this.carryLength),
        chunk.subarray(from, from + newline + 1),
      ]);
      this.clearCarry();
      this.scan(line, 0, line.length);
      from += newline + 1;
    }
    // Searched within the piece only: a long line must not be searched again per piece.
    const last = from + chunk.subarray(from, to).lastIndexOf(10);
    if (last >= from) {
      this.scan(chunk, from, last + 1);
      from = last + 1;
    }
    if (from < to) {
      this.addToCarry(chunk, from, to);
      this.cutLongLine();
    }
  }

  /** Appends `bytes[from, to)` to the unfinished line (amortised: no copy per piece). */
  private addToCarry(bytes: Buffer, from: number, to: number): void {
    const length = this.carryLength + to - from;
    if (length > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(length, 2 * this.carry.length, 4096));
      this.carry.copy(grown, 0, 0, this.carryLength);
      this.carry = grown;
    }
    bytes.copy(this.carry, this.carryLength, from, to);
    this.carryLength = length;
  }

  /**
   * Hands on the unfinished line when it is past `maxLineChars` decoded
   * (`LineSplitter`'s rule, checked at the same piece ends): no newline in
   * sight, do not buffer forever. A character cut at the piece's end stays
   * for the next line whole, as the full reader's decoder keeps it.
   */
  private cutLongLine(): void {
    // A byte decodes to one UTF-16 unit at most: only long byte runs need counting.
    if (this.carryLength <= this.maxLineChars) return;
    const end = this.carryLength - incompleteUtf8Tail(this.carry, this.carryLength);
    this.carryChars += this.carry.toString('utf8', this.carryCounted, end).length;
    this.carryCounted = end;
    if (this.carryChars <= this.maxLineChars) return;

    this.lineNo++;
    this.slowLine(this.carry.toString('utf8', 0, end), this.lineNo);
    this.carry.copy(this.carry, 0, end, this.carryLength);
    this.carryLength -= end;
    this.carryChars = 0;
    this.carryCounted = 0;
  }

  /** Reads the whole lines in `bytes[from, to)`; `to - 1` is a newline. */
  private scan(bytes: Buffer, from: number, to: number): void {
    let start = from;
    while (start < to) {
      let end = to;
      if (to - start > PIECE_BYTES) {
        end = bytes.lastIndexOf(10, start + PIECE_BYTES - 1) + 1;
        if (end <= start) end = bytes.indexOf(10, start + PIECE_BYTES) + 1;
      }
      this.scanPiece(bytes, bytes.toString('latin1', start, end), start);
      start = end;
    }
  }

  private scanPiece(bytes: Buffer, text: string, base: number): void {
    this.b = bytes;
    this.o = base;
    this.nextBracket = -1;
    this.nextEscape = -1;
    this.nextWide = -1;
    this.nextRefusal = -1;
    this.next401 = -1;
    let at = 0;
    while (at < text.length) {
      const newline = text.indexOf('\n', at);
      let end = newline;
      if (end > at && text.charCodeAt(end - 1) === 13) end--;
      const lineNo = ++this.lineNo;
      if (end > at && !this.skim(bytes, text, base, at, end, lineNo)) {
        this.slowLine(bytes.toString('utf8', base + at, base + end), lineNo);
      }
      at = newline + 1;
    }
  }

  /** Reads the line `text[start, end)` itself; false when the full reader must. */
  private skim(
    bytes: Buffer,
    text: string,
    base: number,
    start: number,
    end: number,
    lineNo: number,
  ): boolean {
    const b = bytes;
    const o = base;
    const time = scanLineTime(b, o + start);
    if (Number.isNaN(time)) return false;
    // Escape codes are stripped before parsing; a second CR is cut off.
    if (this.nextEscape < start) {
      this.nextEscape = text.indexOf('\x1b', start);
      if (this.nextEscape < 0) this.nextEscape = text.length;
    }
    if (this.nextEscape < end || (b[o + end - 1] as number) === 13) return false;

    let at = lineTimeEnd.at - o + 1;
    let source: string | null = null;
    const platform = startsWithBytes(b, o + at, HEROKU);
    if (platform || startsWithBytes(b, o + at, APP)) {
      const open = at + (platform ? 6 : 3);
      let close = open + 1;
      while (close < end && (b[o + close] as number) !== 93) close++;
      if (close >= end || (b[o + close + 1] as number) !== 58) return false;
      source = this.sourceAt(text, open + 1, close);
      if (source === null) return false;
      at = (b[o + close + 2] as number) === 32 ? close + 3 : close + 2;
      if (at > end) at = end;
    }
    const seq = lineNo * this.seqPerLine;

    if (platform) {
      // Router lines: a signal needs status 401; other platform lines are text.
      const router = source === 'router';
      if (router ? this.find(text, '401', at, 3) < end : !this.isFiller(text, at, end))
        return false;
      const chars = this.charLength(text, at, end);
      this.assembler.skimStandalone(
        time,
        router,
        router ? null : source,
        bytes,
        base + at,
        base + end,
        chars,
        seq,
      );
      return true;
    }

    const message = this.appMessageStart(text, at, end);
    if (message === -2) return false;
    if (message === -1) {
      // No app prefix: the line continues its source's open record, if any.
      const joins = this.assembler.joins(source, time);
      if (joins === Joins.Skimmed) {
        const chars = this.charLength(text, at, end);
        this.assembler.skimContinuation(source, chars, this.isBlank(at, end));
        return true;
      }
      if (joins === Joins.Text) {
        const line: ParsedLine = {
          time,
          source,
          level: null,
          logger: null,
          message: bytes.toString('utf8', base + at, base + end),
          starts: false,
          standalone: false,
          kind: 'log',
        };
        this.assembler.push(line, lineNo, seq);
        return true;
      }
      if (!this.isFiller(text, at, end)) return false;
    } else if (!this.isFiller(text, message, end) || this.hasMarker(text, at, message)) {
      return false;
    }
    const from = message === -1 ? at : message;
    const chars = this.charLength(text, from, end);
    this.assembler.skimStart(
      time,
      source,
      bytes,
      base + from,
      base + end,
      chars,
      lineNo,
      seq,
    );
    return true;
  }

  /**
   * Where the message starts after an app prefix at `at` in the one shape
   * read here (`LEVEL logger text`); -1 when the text has no app prefix
   * (it does not start a record); -2 when it may have another prefix.
   * Mirrors `parseAppPrefix`, which decides the same for the full reader.
   */
  private appMessageStart(text: string, at: number, end: number): number {
    const b = this.b;
    const o = this.o;
    if (at >= end) return -2;
    const c = b[o + at] as number;
    if (c === 32 || c === 9) return -1;
    if ((c >= 48 && c <= 57) || c === 91 || c >= 128) return -2;
    const level = levelLength(text, at, end);
    if (level === 0) return -1;

    let i = at + level;
    if (b[o + i] !== 32) return -2;
    i++;
    const first = b[o + i] as number;
    if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95))
      return -2;
    for (i++; i < end; i++) {
      const l = b[o + i] as number;
      const ok =
        (l >= 65 && l <= 90) ||
        (l >= 97 && l <= 122) ||
        (l >= 48 && l <= 57) ||
        l === 95 ||
        l === 46 ||
        l === 45;
      if (!ok) break;
    }
    if (b[o + i] !== 32 || i + 1 >= end) return -2;
    const m = b[o + i + 1] as number;
    if (m <= 32 || m >= 127 || m === 45) return -2;
    if (m >= 48 && m <= 57) {
      // Django's verbose format puts numeric ids here, which the prefix drops.
      let j = i + 1;
      while (j < end && (b[o + j] as number) >= 48 && (b[o + j] as number) <= 57) j++;
      if (b[o + j] === 32) return -2;
    }
    return i + 1;
  }

  /**
   * True when a message `text[from, end)` opening a record cannot make it a
   * signal: its first visible character is ASCII, no app prefix could start
   * there (one could hide a tag on the next line), and no marker follows.
   */
  private isFiller(text: string, from: number, end: number): boolean {
    const b = this.b;
    const o = this.o;
    let i = from;
    let c = b[o + i] as number;
    while (i < end && (c === 32 || (c >= 9 && c <= 13))) c = b[o + ++i] as number;
    if (i >= end || c < 33 || c > 126) return false;
    if (c === 91) {
      const d = b[o + i + 1] as number;
      if (d >= 48 && d <= 57) return false;
    } else if (c >= 48 && c <= 57) {
      if (i + 4 < end && (b[o + i + 4] as number) === 45) return false;
    } else if (startsWithLevel(text, i)) {
      return false;
    }
    return !this.hasMarker(text, from, end);
  }

  /** `[` before an upper-case letter, escape or non-ASCII byte, or `Unauthorized:`. */
  private hasMarker(text: string, from: number, end: number): boolean {
    const b = this.b;
    const o = this.o;
    for (let at = this.find(text, '[', from, 0); at < end;) {
      const d = b[o + at + 1] as number;
      if ((d >= 65 && d <= 90) || d === 27 || d >= 128) return true;
      at = this.find(text, '[', at + 1, 0);
    }
    return this.find(text, 'Unauthorized:', from, 2) < end;
  }

  /**
   * Length in characters of `text[from, end)` decoded as UTF-8, as the
   * assembler counts a record's size: the byte count, unless a byte past
   * ASCII is there (rare outside messages), which takes a decode.
   */
  private charLength(text: string, from: number, end: number): number {
    if (this.nextWide < from) {
      WIDE.lastIndex = from;
      this.nextWide = WIDE.exec(text)?.index ?? text.length;
    }
    if (this.nextWide >= end) return end - from;
    return this.b.toString('utf8', this.o + from, this.o + end).length;
  }

  /**
   * True when `[from, end)` is only white space, as `String.trim` sees it:
   * ASCII white space, or past a non-ASCII byte, decoded and trimmed.
   */
  private isBlank(from: number, end: number): boolean {
    const b = this.b;
    const o = this.o;
    for (let i = from; i < end; i++) {
      const c = b[o + i] as number;
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      if (c < 128) return false;
      return b.toString('utf8', o + i, o + end).trim().length === 0;
    }
    return true;
  }

  /** Next index of `needle` at or after `from` in the piece (its length when none). */
  private find(text: string, needle: string, from: number, which: number): number {
    let next =
      which === 0
        ? this.nextBracket
        : which === 1
          ? this.nextEscape
          : which === 2
            ? this.nextRefusal
            : this.next401;
    if (next >= from) return next;
    next = text.indexOf(needle, from);
    if (next < 0) next = text.length;
    if (which === 0) this.nextBracket = next;
    else if (which === 1) this.nextEscape = next;
    else if (which === 2) this.nextRefusal = next;
    else this.next401 = next;
    return next;
  }

  /** The source name `text[from, to)`, shared between lines; null if not ASCII. */
  private sourceAt(text: string, from: number, to: number): string | null {
    const length = to - from;
    const b = this.b;
    const o = this.o + from;
    for (const known of this.sources) {
      if (known.length !== length) continue;
      let i = 0;
      while (i < length && (b[o + i] as number) === known.charCodeAt(i)) i++;
      if (i === length) return known;
    }
    for (let i = from; i < to; i++) if (text.charCodeAt(i) >= 128) return null;
    // A flat copy: a slice would keep the whole piece alive.
    const name = ` ${text.slice(from, to)}`.slice(1);
    if (this.sources.length < 64) this.sources.push(name);
    return name;
  }
}

/** Length of the level word `parseAppPrefix` would read at `at` (0 when none). */
function levelLength(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (c !== 68 && c !== 73 && c !== 87 && c !== 69 && c !== 67 && c !== 70) return 0;
  for (const level of LEVELS) {
    if (!text.startsWith(level, at)) continue;
    const after = at + level.length;
    const d = text.charCodeAt(after);
    if (after >= end || d === 32 || d === 58 || d === 93) return level.length;
  }
  return 0;
}

/** True when a level word starts at `at` (whatever follows it). */
function startsWithLevel(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 68 && c !== 73 && c !== 87 && c !== 69 && c !== 67 && c !== 70) return false;
  for (const level of LEVELS) if (text.startsWith(level, at)) return true;
  return false;
}
