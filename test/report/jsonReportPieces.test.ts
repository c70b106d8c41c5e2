import { join } from 'node:path';

import type { AnalysisResult } from '../../src/model/Incident';
import { jsonReportPieces } from '../../src/report/jsonReportPieces';
import { analyzeFiles } from '../helpers/analyzeFiles';
import { incident } from '../helpers/incident';

const stats = { records: 12, signals: 3, skipped_lines: 1, userless_refusals: 0 };

function whole(result: AnalysisResult): string {
  return [...jsonReportPieces(result)].join('');
}

describe('jsonReportPieces', () => {
  it('gives the text JSON.stringify gives for a report without incidents', () => {
    const result: AnalysisResult = { incidents: [], stats };
    expect(whole(result)).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });

  it('gives one piece per incident, and together the text of the whole report', () => {
    const result: AnalysisResult = {
      incidents: [
        incident('a', '2026-01-01T00:00:00.000Z'),
        incident('b', null, {
          // Newlines, quotes, tabs and non-ASCII inside strings, nested arrays.
          title: 'línea 1\nlínea "2"\t✓',
          evidence_gaps: ['no [SESSION_CREATED]\n', ''],
          failed_jtis: ['x'],
        }),
        incident('c', '2026-01-02T00:00:00.000Z', { trigger: null, sessions: [] }),
      ],
      stats,
    };
    const pieces = [...jsonReportPieces(result)];
    expect(pieces.filter((piece) => piece.includes('"fingerprint"'))).toHaveLength(3);
    expect(pieces.join('')).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });

  it('matches JSON.stringify on the incidents of the sample stream', async () => {
    const sample = join(__dirname, '../../../shared/samples/generated/heroku.log');
    const result = await analyzeFiles([sample]);
    expect(result.incidents.length).toBeGreaterThan(10);
    expect(whole(result)).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });
});
