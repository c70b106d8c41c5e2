/**
 * Where a frame's file lives. `app` frames are the app's own code (the only
 * in-app ones); `lib` frames are installed packages, `stdlib` the Python
 * standard library, `bin` an entry-point script, `pseudo` a `<frozen ...>`
 * file. A {@link PythonLayout} turns the kind into a real path.
 */
export type FrameKind = 'app' | 'lib' | 'stdlib' | 'bin' | 'pseudo';

/** A frame before it is placed in a layout: `file` is relative to its kind's root. */
export interface FrameSpec {
  kind: FrameKind;
  file: string;
  line: number;
  fn: string;
  /** The source line Python shows under the frame; null when it has none. */
  code: string | null;
}

/** A frame as `traceback.format_stack()` prints it. */
export interface StackFrame {
  path: string;
  line: number;
  fn: string;
  code: string | null;
  inApp: boolean;
}

/** Where the interpreter and packages live on the platform. */
export interface PythonLayout {
  name: string;
  sitePackages: string;
  stdlib: string;
  bin: string;
}

export const LAYOUTS: readonly PythonLayout[] = [
  {
    name: 'docker-python',
    sitePackages: '/usr/local/lib/python3.12/site-packages/',
    stdlib: '/usr/local/lib/python3.12/',
    bin: '/usr/local/bin/',
  },
  {
    name: 'heroku-python',
    sitePackages: '/app/.heroku/python/lib/python3.12/site-packages/',
    stdlib: '/app/.heroku/python/lib/python3.12/',
    bin: '/app/.heroku/python/bin/',
  },
  {
    name: 'venv',
    sitePackages: '/app/.venv/lib/python3.12/site-packages/',
    stdlib: '/usr/lib/python3.12/',
    bin: '/app/.venv/bin/',
  },
];

export const APP_ROOT = '/app/';

export function resolveFrame(spec: FrameSpec, layout: PythonLayout): StackFrame {
  const root =
    spec.kind === 'app'
      ? APP_ROOT
      : spec.kind === 'lib'
        ? layout.sitePackages
        : spec.kind === 'stdlib'
          ? layout.stdlib
          : spec.kind === 'bin'
            ? layout.bin
            : '';
  return {
    path: root + spec.file,
    line: spec.line,
    fn: spec.fn,
    code: spec.code,
    inApp: spec.kind === 'app',
  };
}

/** Frames written outermost first (as the app does) or innermost first (as the guide shows them). */
export type StackOrder = 'outermost-first' | 'innermost-first';

/** The stack's text lines, two spaces before `File`, four before the code. */
export function stackLines(frames: readonly StackFrame[], order: StackOrder): string[] {
  const ordered = order === 'outermost-first' ? frames : [...frames].reverse();
  const lines: string[] = [];
  for (const frame of ordered) {
    lines.push(`  File "${frame.path}", line ${frame.line}, in ${frame.fn}`);
    if (frame.code !== null) lines.push(`    ${frame.code}`);
  }
  return lines;
}

/** The outermost in-app frame as truth.json names it (path relative to the app root). */
export function outermostInApp(
  frames: readonly StackFrame[],
): { file: string; function: string } | null {
  const frame = frames.find((f) => f.inApp);
  return frame ? { file: frame.path.slice(APP_ROOT.length), function: frame.fn } : null;
}
