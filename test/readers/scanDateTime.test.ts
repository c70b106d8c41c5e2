import { scanDateTime } from '../../src/readers/scanDateTime';

const ZONE = 'America/Bogota';

/** What `scanDateTime` reads in `text` with nothing cached from a similar text. */
function fresh(text: string) {
  scanDateTime('1999-12-31T23:59:59Z', 0, ZONE);
  return scanDateTime(text, 0, ZONE);
}

describe('scanDateTime', () => {
  it('reads a time with a zone after the same time without one', () => {
    scanDateTime('2026-01-03T10:00:00.123 a zoneless line', 0, ZONE);
    expect(scanDateTime('2026-01-03T10:00:00.123Z a UTC line', 0, ZONE)).toEqual({
      ms: Date.UTC(2026, 0, 3, 10, 0, 0, 123),
      end: 24,
      zoned: true,
    });
  });

  // Every text read right after every other gives what it gives read alone.
  const times = ['2026-01-03T10:00:00.123', '2026-01-03 10:00:00', '2026-01-03T10:00'];
  const suffixes = [
    '',
    ' text',
    ']',
    'Z',
    'z',
    'Z text',
    '+05:00',
    '\u221205:00',
    '-0500 x',
    ' +0000]',
    ' +0000x',
    ' \u22120500',
    ' \u22120500 x',
    '+05',
    '.5',
    ',5',
    ':30',
  ];
  const texts = times.flatMap((time) => suffixes.map((suffix) => time + suffix));

  test.each(texts)('%j reads the same after any similar text', (text) => {
    const alone = fresh(text);
    for (const before of texts) {
      scanDateTime(before, 0, ZONE);
      expect([before, scanDateTime(text, 0, ZONE)]).toEqual([before, alone]);
    }
  });
});
