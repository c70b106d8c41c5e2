import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry`, a module beside the caller (`.js` when
 * built). Run from the TypeScript sources (Jest), the thread compiles them
 * as Jest does, with swc, which only the development install has.
 */
export function startWorkerThread(entry: string, workerData: unknown): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData });

  const swc = require.resolve('@swc/core');
  const bootstrap = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require(${JSON.stringify(swc)});
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    require(${JSON.stringify(entry)});
  `;
  return new Worker(bootstrap, { eval: true, workerData });
}
