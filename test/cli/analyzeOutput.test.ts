import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';

import { generateStream, renderStream } from '../../bench/generateStream';
import { runCli } from '../../src/cli/runCli';
import { slowWritable } from '../helpers/slowWritable';
import { makeTempDir, removeTempDirs } from '../webhook/tempDirs';

/** Runs `logout-lens analyze ...args` in-process with `stdout`; returns its code and stderr. */
async function analyze(args: string[], stdout: Writable) {
  let err = '';
  const code = await runCli(['analyze', ...args], {
    stdin: new PassThrough(),
    stdout,
    stderr: new Writable({ write: (chunk, _enc, done) => ((err += chunk), done()) }),
    env: {},
    cwd: __dirname,
  });
  return { code, err };
}

/** A stdout whose writes fail with `code` once `after` writes have gone through. */
function failingOut(code: string, after = 0) {
  let writes = 0;
  return new Writable({
    write: (_chunk, _enc, done) =>
      setImmediate(() =>
        writes++ < after
          ? done()
          : done(Object.assign(new Error(`write ${code}`), { code })),
      ),
  });
}

describe('analyze writing its report', () => {
  let log: string;

  beforeAll(() => {
    // Enough stories that the JSON report takes many writes.
    const { records } = generateStream({ seed: 5, hours: 4, stories: 120 });
    log = join(makeTempDir(), 'heroku.log');
    writeFileSync(log, renderStream(records, 'heroku', { seed: 5 }));
  });

  afterAll(removeTempDirs);

  it('prints --json as JSON.stringify(result, null, 2) does, a write at a time', async () => {
    const { out, seen } = slowWritable();
    const { code } = await analyze(['--json', log], out);
    expect(code).toBe(0);
    const result = JSON.parse(seen.text) as { incidents: unknown[] };
    expect(result.incidents.length).toBeGreaterThan(50);
    // The text is the two-space JSON of what it holds, byte for byte.
    expect(seen.text).toBe(`${JSON.stringify(result, null, 2)}\n`);
    expect(seen.writes).toBeGreaterThan(3);
    expect(seen.mostBuffered).toBeLessThan(140_000);
  });

  it.each([
    { report: 'JSON', flags: ['--json'] },
    { report: 'text', flags: [] },
  ])(
    'stops quietly with exit code 0 when the reader closes the pipe ($report report)',
    async ({ flags }) => {
      const { code, err } = await analyze([...flags, log], failingOut('EPIPE'));
      expect(code).toBe(0);
      expect(err).toBe('');
    },
  );

  it.each([
    // The JSON report fails after two writes, the text report (one write) at once.
    { report: 'JSON', flags: ['--json'], after: 2 },
    { report: 'text', flags: [], after: 0 },
  ])(
    'exits 74 and says why when the $report report cannot be written',
    async ({ flags, after }) => {
      const { code, err } = await analyze([...flags, log], failingOut('ENOSPC', after));
      expect(code).toBe(74);
      expect(err).toBe('logout-lens: cannot write the report: write ENOSPC\n');
    },
  );

  it('stops quietly when the pipe closes after part of the report', async () => {
    const { code, err } = await analyze(['--json', log], failingOut('EPIPE', 3));
    expect(code).toBe(0);
    expect(err).toBe('');
  });
});
