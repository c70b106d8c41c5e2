import type { AnalysisResult } from '../model/Incident';

/** Indents every line after the first: the value sits that deep in its parent. */
function nested(json: string, indent: string): string {
  // JSON.stringify escapes newlines inside strings, so each newline here is layout.
  return json.replaceAll('\n', `\n${indent}`);
}

/**
 * The text of `JSON.stringify(result, null, 2)` plus a final newline, in
 * pieces of one array element each. A day of logs can give thousands of
 * incidents: one string of the whole report, then its bytes for stdout, was
 * the peak of `analyze --json`'s memory.
 */
export function* jsonReportPieces(result: AnalysisResult): Generator<string> {
  // Plain data (no undefined, no toJSON): what JSON.stringify would write of
  // each value is its own JSON.stringify.
  const fields = Object.entries(result);
  yield '{\n';
  for (let i = 0; i < fields.length; i++) {
    const [key, value] = fields[i]!;
    const after = i < fields.length - 1 ? ',\n' : '\n';
    if (!Array.isArray(value) || value.length === 0) {
      yield `  ${JSON.stringify(key)}: ${nested(JSON.stringify(value, null, 2), '  ')}${after}`;
      continue;
    }
    yield `  ${JSON.stringify(key)}: [\n`;
    for (let j = 0; j < value.length; j++) {
      const element = JSON.stringify(value[j], null, 2);
      yield `    ${nested(element, '    ')}${j < value.length - 1 ? ',' : ''}\n`;
    }
    yield `  ]${after}`;
  }
  yield '}\n';
}
