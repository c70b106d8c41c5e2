/* global require */
// This file is loaded by plain Node (`node -r`), before any TypeScript runs,
// so it has to be CommonJS JavaScript.
/* eslint-disable @typescript-eslint/no-require-imports */
// Lets a child Node process run the TypeScript sources as Jest does (swc,
// CommonJS), so restart tests can kill a real service process with SIGKILL.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
