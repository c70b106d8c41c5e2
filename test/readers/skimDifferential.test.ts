import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { adversarialCases } from '../../bench/skimCheck/adversarialCases';
import { generatedCases } from '../../bench/skimCheck/generatedCases';
import type { SkimCheckCase } from '../../bench/skimCheck/SkimCheckCase';
import { analyzeSkimmedAndFull } from '../helpers/analyzeSkimmedAndFull';

// The skim check (bench/skimCheck) at a small size: the same inputs, analysed
// with skimming and reading every line in full, give the same output.
describe('analyze --json with skimming on and off', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skim-differential-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: SkimCheckCase[] = [...adversarialCases(), ...generatedCases(11, 300_000)];

  test.each(cases.map((item, index) => [item.name, item, index] as const))(
    '%s: the same output',
    async (_, item, index) => {
      const files = Object.entries(item.files).map(([name, content]) => {
        const path = join(dir, `${index}-${name}`);
        writeFileSync(path, content);
        return path;
      });
      const { full, skimmed } = await analyzeSkimmedAndFull(files, {
        timezone: item.timezone,
      });

      expect(full.stats.records).toBeGreaterThan(0);
      expect(skimmed).toEqual(full);
    },
  );
});
