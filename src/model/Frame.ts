/** One Python stack frame as the app logged it. */
export interface Frame {
  /** The path exactly as logged (`/app/users/signals.py`). */
  absPath: string;
  /** Path relative to the app root for in-app frames; else the logged path. */
  file: string;
  function: string;
  line: number | null;
  /** The indented source line that followed the frame, if any. */
  code: string | null;
  inApp: boolean;
}

/** A stack normalised to outermost-first order. */
export interface Stack {
  frames: Frame[];
  /** The stack was cut short (SDK, platform or line-length truncation). */
  truncated: boolean;
  /** The order the app wrote it in, as detected. */
  writtenOrder: 'outermost-first' | 'innermost-first';
}
