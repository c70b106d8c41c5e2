import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs`. */
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logout-lens-test-'));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
