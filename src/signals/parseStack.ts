import type { Frame, Stack } from '../model/Frame';
import type { AnalysisSettings } from '../model/Settings';
import { detectStackOrder } from './detectStackOrder';
import { appRelativePath, isInAppPath } from './isInAppPath';

export interface StackHints {
  /**
   * The tag's stack always runs through app code (a revocation is called
   * from the app), so a stack without any in-app frame lost them to a cut.
   */
  expectInApp?: boolean;
}

const MARKER = new RegExp(
  [
    'Llamado\\s+desde',
    'Called\\s+from',
    // Python's own traceback, and `logger.info(..., stack_info=True)`.
    '(?:Traceback|Stack)\\s+\\(most\\s+recent\\s+call\\s+last\\)',
  ].join('|'),
  'i',
);
const FRAME_START = /^(\s*)File\s+(["'])(.*)$/;
const ELLIPSIS_LINE = /^(?:\.{3,}|…)$/;
// Lines of a Python traceback that are neither frames nor code.
const NOISE_LINE = /^(?:[~^\s]+|\[Previous line repeated .*\])$/;
const FILTERED = '[Filtered]';
// Lengths at which SDKs, platforms and log shippers cut a message: Sentry's
// 512/1024 (older SDKs) and 8192, Heroku's 10 000-byte lines, docker's 16 KiB.
const CAP_LENGTHS = new Set([512, 1024, 2048, 4096, 8192, 10000, 16384]);
const UNKNOWN_FUNCTION = '<unknown>';

interface RawFrame {
  absPath: string;
  line: number | null;
  function: string;
  code: string | null;
  /** The frame line ended before its `in FUNCTION` part. */
  partial: boolean;
}

/**
 * Reads the stack after `Llamado desde:` / `Called from:` / `Traceback (most
 * recent call last):` (or the frames of a text without such a line), in the
 * order written, and returns it outermost-first with `writtenOrder` saying
 * which order was detected. Null when the text holds neither a stack marker
 * nor a frame.
 *
 * `truncated` is set when the text was visibly cut: a partial last frame
 * line, a `...`/`…` at the end, `[Filtered]`, a length equal to a known cap,
 * a marker with no frame after it, or (with `expectInApp`) no in-app frame at
 * all, as happens when a cut keeps only the outermost server frames.
 * A `...` line between frames (the guide elides frames so) is skipped.
 *
 * @example
 * parseStack(message, { appRoot: '/app/' }, { expectInApp: true })
 */
export function parseStack(
  lines: string[] | string,
  settings: Pick<AnalysisSettings, 'appRoot'>,
  hints: StackHints = {},
): Stack | null {
  const text = typeof lines === 'string' ? lines : lines.join('\n');
  const allLines = text.split(/\r\n|\r|\n/);
  const markerLine = allLines.findIndex((line) => MARKER.test(line));
  const body = markerLine >= 0 ? allLines.slice(markerLine + 1) : allLines;

  const read = readFrames(body);
  if (markerLine < 0 && read.frames.length === 0) return null;

  const frames = read.frames.map((raw) => toFrame(raw, settings.appRoot));
  const writtenOrder = detectStackOrder(frames);
  if (writtenOrder === 'innermost-first') frames.reverse();

  const truncated =
    read.cut ||
    looksCut(text) ||
    frames.length === 0 ||
    (hints.expectInApp === true && !frames.some((frame) => frame.inApp));
  return { frames, truncated, writtenOrder };
}

/** The frames of the lines after the marker, and whether a frame line was cut. */
function readFrames(lines: string[]): { frames: RawFrame[]; cut: boolean } {
  const frames: RawFrame[] = [];
  let awaitingCode = false;
  let framesIndented = true;

  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || NOISE_LINE.test(trimmed) || trimmed === FILTERED) continue;
    if (ELLIPSIS_LINE.test(trimmed)) {
      awaitingCode = false;
      continue;
    }

    const frame = readFrameLine(line);
    if (frame) {
      frames.push(frame);
      framesIndented = /^\s/.test(line);
      awaitingCode = !frame.partial;
      continue;
    }
    if (frames.length === 0) continue; // text between the marker and the first frame

    const indented = /^\s/.test(line);
    const last = frames[frames.length - 1];
    // Some shippers strip leading blanks; then code lines lose theirs too.
    if (awaitingCode && last && (indented || !framesIndented)) {
      last.code = trimmed;
      awaitingCode = false;
      continue;
    }
    if (indented) continue;
    break; // an exception line (`KeyError: 'price'`) or other trailer ends the stack
  }

  const last = frames[frames.length - 1];
  return { frames, cut: last?.partial === true && last.code === null };
}

/** `  File "PATH", line N, in FUNCTION`, keeping what a cut left of it. */
function readFrameLine(line: string): RawFrame | null {
  const start = FRAME_START.exec(line);
  if (!start) return null;

  const [, , quote = '"', rest = ''] = start;
  const close = rest.indexOf(quote);
  if (close < 0) {
    return {
      absPath: rest,
      line: null,
      function: UNKNOWN_FUNCTION,
      code: null,
      partial: true,
    };
  }
  const tail = rest.slice(close + 1);
  const lineNumber = /,\s*line\s+(\d+)/.exec(tail);
  const fn = /,\s*in\s+(\S.*?)\s*$/.exec(tail);
  return {
    absPath: rest.slice(0, close),
    line: lineNumber ? Number(lineNumber[1]) : null,
    function: fn?.[1] ?? UNKNOWN_FUNCTION,
    code: null,
    partial: fn === null,
  };
}

function toFrame(raw: RawFrame, appRoot: string): Frame {
  // A frame line cut mid-way names no trustworthy file or function: it may
  // not stand as a trigger frame.
  const inApp = !raw.partial && isInAppPath(raw.absPath, appRoot);
  return {
    absPath: raw.absPath,
    file: inApp ? (appRelativePath(raw.absPath, appRoot) ?? raw.absPath) : raw.absPath,
    function: raw.function,
    line: raw.line,
    code: raw.code,
    inApp,
  };
}

function looksCut(text: string): boolean {
  const end = text.trimEnd();
  if (end.endsWith('...') || end.endsWith('…') || end.includes(FILTERED)) return true;
  return CAP_LENGTHS.has(text.length) || CAP_LENGTHS.has(Buffer.byteLength(text, 'utf8'));
}
