/** Default app root when settings carry none (Heroku and most images deploy to `/app/`). */
export const DEFAULT_APP_ROOT = '/app/';

// Third-party code can live under the app root: Heroku installs Python in
// `/app/.heroku/python/`, a virtualenv in `/app/.venv/`, a vendored
// interpreter in `/app/lib/python3.12/`. Directory names alone tell them apart.
const THIRD_PARTY_DIRS = new Set(['site-packages', 'dist-packages', 'bin']);
const PYTHON_LIB_DIR = /(^|\/)lib(64)?\/(python|pypy)\d+(\.\d+)?\//;

/** The app root as a prefix: forward slashes, exactly one trailing slash. */
export function normaliseAppRoot(appRoot: string | null | undefined): string {
  const root = (appRoot ?? '').trim().replace(/\\/g, '/');
  if (root === '') return DEFAULT_APP_ROOT;
  return root.endsWith('/') ? root : `${root}/`;
}

/**
 * True when `path` is the app's own code: under the app root and not in a
 * package directory, an interpreter library, a `bin/` directory or a
 * dot-directory, and not a `<frozen ...>`-style pseudo-file.
 *
 * @example isInAppPath('/app/users/views/password.py', '/app/') // true
 * @example isInAppPath('/app/.venv/bin/gunicorn', '/app') // false
 */
export function isInAppPath(path: string, appRoot: string): boolean {
  const relative = appRelativePath(path, appRoot);
  if (relative === null || relative === '') return false;

  const directories = relative.split('/').slice(0, -1);
  if (directories.some((dir) => dir.startsWith('.') || THIRD_PARTY_DIRS.has(dir))) {
    return false;
  }
  return !PYTHON_LIB_DIR.test(relative);
}

/** `path` relative to the app root, or null when it is not under the root. */
export function appRelativePath(path: string, appRoot: string): string | null {
  const trimmed = path.trim();
  if (trimmed.startsWith('<')) return null;

  const normalised = trimmed.replace(/\\/g, '/');
  const root = normaliseAppRoot(appRoot);
  if (!normalised.startsWith(root)) return null;
  return normalised.slice(root.length);
}
