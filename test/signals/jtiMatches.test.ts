import { cleanJti } from '../../src/signals/cleanJti';
import { cleanValue } from '../../src/signals/cleanValue';
import { jtiMatches } from '../../src/signals/jtiMatches';

describe('jtiMatches', () => {
  test('matches equal JTIs', () => {
    expect(
      jtiMatches('328475a738868e9b5a124b1d0fb5d240', '328475a738868e9b5a124b1d0fb5d240'),
    ).toBe(true);
  });

  test('matches an abbreviation of six characters or more against the whole JTI, either way', () => {
    expect(jtiMatches('abc123', 'abc123def456')).toBe(true);
    expect(jtiMatches('abc123def456', 'abc123...')).toBe(true);
  });

  test('does not match a prefix shorter than six characters', () => {
    expect(jtiMatches('abc12', 'abc123def456')).toBe(false);
    expect(jtiMatches('uuid-...', 'uuid-1')).toBe(false);
  });

  test('does not match different JTIs of the same length', () => {
    expect(jtiMatches('abc123', 'abc124')).toBe(false);
  });

  test('matches UUID-style JTIs with dashes by prefix', () => {
    expect(jtiMatches('8f1c2d3e-4b5a...', '8f1c2d3e-4b5a-6c7d-8e9f-0a1b2c3d4e5f')).toBe(
      true,
    );
  });

  test('ignores case', () => {
    expect(jtiMatches('ABC123DEF', 'abc123def')).toBe(true);
  });

  test('never matches a missing or None JTI', () => {
    expect(jtiMatches(null, 'abc123')).toBe(false);
    expect(jtiMatches('None', 'None')).toBe(false);
    expect(jtiMatches('', '')).toBe(false);
  });
});

describe('cleanJti', () => {
  test.each([
    ['abc123...', 'abc123'],
    ['abc123....', 'abc123'],
    ['xyz789…', 'xyz789'],
    ["'xyz789...'", 'xyz789'],
    [
      "UUID('1d140ed8-9cb6-463d-a9bf-ec51f0651621')",
      '1d140ed8-9cb6-463d-a9bf-ec51f0651621',
    ],
    ['abc_123-def,', 'abc_123-def'],
    ['None', null],
    ['...', null],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(cleanJti(raw)).toBe(expected);
  });
});

describe('cleanValue (user ids)', () => {
  test.each([
    ['+573001234567', '+573001234567'],
    ['+57301...', '+57301'],
    ['+57301…', '+57301'],
    ['+573001234567.', '+573001234567'],
    ['+573001234567,', '+573001234567'],
    ['+573001234567:', '+573001234567'],
    ["'+573001234567'", '+573001234567'],
    ['  +573001234567  ', '+573001234567'],
    ['None', null],
    ['null', null],
    ['', null],
  ])('reads %j as %j', (raw, expected) => {
    expect(cleanValue(raw)).toBe(expected);
  });
});
