import { parseLogTime } from '../../src/readers/parseLogTime';

const TEN_UTC = Date.UTC(2026, 0, 3, 10, 0, 0);

describe('parseLogTime', () => {
  it.each([
    ['2026-01-03T10:00:00Z', TEN_UTC],
    ['2026-01-03T10:00:00+00:00', TEN_UTC],
    ['2026-01-03T03:00:00-07:00', TEN_UTC],
    ['2026-01-03T15:30:00+05:30', TEN_UTC],
    ['2026-01-03T10:00:00+0000', TEN_UTC],
    ['2026-01-03T10:00:00.123Z', TEN_UTC + 123],
    ['2026-01-03T10:00:00.123456+00:00', TEN_UTC + 123.456],
    ['2026-01-03T10:00:00.123456789Z', TEN_UTC + 123.456],
    ['2026-01-03T10:00:00.5Z', TEN_UTC + 500],
    ['2026-01-03 10:00:00,123', TEN_UTC + 123],
    ['2026-01-03 10:00:00.123', TEN_UTC + 123],
    ['2026-01-03 10:00:00', TEN_UTC],
  ])('reads %s', (text, expected) => {
    expect(parseLogTime(text)).toBe(expected);
  });

  it('reads epoch seconds, milliseconds and numeric strings by magnitude', () => {
    expect(parseLogTime(TEN_UTC / 1000)).toBe(TEN_UTC);
    expect(parseLogTime(TEN_UTC)).toBe(TEN_UTC);
    expect(parseLogTime(String(TEN_UTC / 1000))).toBe(TEN_UTC);
    expect(parseLogTime(String(TEN_UTC))).toBe(TEN_UTC);
    expect(parseLogTime(`${TEN_UTC / 1000}.123456`)).toBe(TEN_UTC + 123.456);
  });

  it('gives a float second and its ISO text the same number', () => {
    expect(parseLogTime(1767428207.957551)).toBe(
      parseLogTime('2026-01-03T08:16:47.957551+00:00'),
    );
    expect(Math.floor(parseLogTime(1767428207.957)!)).toBe(1767428207957);
  });

  it('reads times without a zone in the given IANA zone', () => {
    // Bogotá is UTC-5 all year.
    expect(parseLogTime('2026-01-03 05:00:00,250', 'America/Bogota')).toBe(TEN_UTC + 250);
    // Madrid is UTC+2 in July (summer time) and UTC+1 in January.
    expect(parseLogTime('2026-07-03 12:00:00', 'Europe/Madrid')).toBe(
      Date.UTC(2026, 6, 3, 10, 0, 0),
    );
    expect(parseLogTime('2026-01-03 11:00:00', 'Europe/Madrid')).toBe(TEN_UTC);
  });

  it('leaves times with an offset alone whatever the zone setting', () => {
    expect(parseLogTime('2026-01-03T10:00:00Z', 'America/Bogota')).toBe(TEN_UTC);
    expect(parseLogTime('2026-01-03T03:00:00-07:00', 'Europe/Madrid')).toBe(TEN_UTC);
  });

  it.each([
    ['not a time'],
    [''],
    ['2026-13-03T10:00:00Z'],
    ['2026-01-03T10:00:00Zjunk'],
    [null],
    [{}],
  ])('gives null for %p', (value) => {
    expect(parseLogTime(value)).toBeNull();
  });
});
