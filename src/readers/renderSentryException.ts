import { isPlainObject } from './isPlainObject';

/** An exception as Python would print it. */
export interface RenderedException {
  /** `Type: value` of the last (outermost) exception. */
  summary: string;
  /** Per exception: `Traceback (most recent call last):`, frames, `Type: value`. */
  traceback: string;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** A frame's code line: `context_line`, or REST's `context: [[n, line]]` at `lineNo`. */
function codeLine(frame: Record<string, unknown>, line: number | null): string | null {
  const direct = text(frame.context_line) ?? text(frame.contextLine);
  if (direct !== null) return direct;
  if (!Array.isArray(frame.context) || line === null) return null;
  for (const pair of frame.context) {
    if (Array.isArray(pair) && pair[0] === line && typeof pair[1] === 'string')
      return pair[1];
  }
  return null;
}

function renderFrame(frame: Record<string, unknown>): string {
  const path =
    text(frame.abs_path) ??
    text(frame.absPath) ??
    text(frame.filename) ??
    text(frame.module);
  const lineValue = frame.lineno ?? frame.lineNo;
  const line = typeof lineValue === 'number' ? lineValue : null;
  const fn = text(frame.function) ?? '<module>';
  let out = `  File "${path ?? '<unknown>'}", line ${line ?? '?'}, in ${fn}`;
  const code = codeLine(frame, line);
  if (code !== null && code.trim().length > 0) out += `\n    ${code.trim()}`;
  return out;
}

function summaryOf(value: Record<string, unknown>): string {
  const type = text(value.type) ?? 'Exception';
  const module = text(value.module);
  const qualified =
    module !== null &&
    module !== 'builtins' &&
    module !== '__main__' &&
    !type.includes('.')
      ? `${module}.${type}`
      : type;
  const message = text(value.value);
  return message === null || message === '' ? qualified : `${qualified}: ${message}`;
}

/**
 * Renders Sentry's `exception` (stored `{values: [...]}`, a bare array, or
 * a REST entry's `data`) as a Python traceback, frames oldest first as
 * Sentry stores them. Null when there is no exception value.
 */
export function renderSentryException(exception: unknown): RenderedException | null {
  const values = Array.isArray(exception)
    ? exception
    : isPlainObject(exception) && Array.isArray(exception.values)
      ? exception.values
      : [];
  const parts: string[] = [];
  let summary: string | null = null;
  for (const value of values) {
    if (!isPlainObject(value)) continue;
    const stack = isPlainObject(value.stacktrace)
      ? value.stacktrace
      : isPlainObject(value.rawStacktrace)
        ? value.rawStacktrace
        : null;
    const frames = stack !== null && Array.isArray(stack.frames) ? stack.frames : [];
    summary = summaryOf(value);
    const lines = frames.filter(isPlainObject).map(renderFrame);
    parts.push(
      lines.length > 0
        ? `Traceback (most recent call last):\n${lines.join('\n')}\n${summary}`
        : summary,
    );
  }
  if (summary === null) return null;
  return {
    summary,
    traceback: parts.join(
      '\n\nDuring handling of the above exception, another exception occurred:\n\n',
    ),
  };
}
