/** A trigger frame with what the stack logged beside it, for Sentry's stack view. */
export interface TriggerFrame {
  file: string;
  function: string;
  line: number | null;
  /** The path as logged (`/app/spa/views/packages.py`), when the stack was found. */
  absPath?: string;
  /** The code line the app logged under the frame. */
  code?: string | null;
}
