import { cleanJti } from '../../src/signals/cleanJti';
import { cleanValue } from '../../src/signals/cleanValue';
import { normaliseMessage } from '../../src/signals/normaliseMessage';
import { readKeyValues } from '../../src/signals/readKeyValues';

describe('normaliseMessage', () => {
  test('returns a plain message, Latin-1 accents included, as it is', () => {
    const message = '[SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: abc123def';
    expect(normaliseMessage(message)).toBe(message);
  });

  test('composes a combining accent, turns CR LF into LF and drops ANSI colours', () => {
    expect(normaliseMessage('Sesio\u0301n\r\n\x1b[32m[TAG]\x1b[0m')).toBe(
      'Sesión\n[TAG]',
    );
  });

  test('maps a character NFC replaces (the Kelvin sign) even without an accent', () => {
    expect(normaliseMessage('\u212a')).toBe('K');
  });
});

describe('cleanValue', () => {
  test.each([
    ['+573001234567', '+573001234567'],
    ['  +573001234567. ', '+573001234567'],
    ["'+57301...'", '+57301'],
    ['"None"', null],
    ['NULL', null],
    ['undefined', null],
    ['n/a', null],
    ['-', null],
    ['', null],
    ['some user id longer than any null word', 'some user id longer than any null word'],
  ])('%j is %j', (raw, expected) => {
    expect(cleanValue(raw)).toBe(expected);
  });
});

describe('cleanJti', () => {
  test.each([
    ['abc123def456', 'abc123def456'],
    [
      "UUID('69bf0dfb-546f-44c1-a8dd-95bcbead33e2')",
      '69bf0dfb-546f-44c1-a8dd-95bcbead33e2',
    ],
    ["uuid('abc123def')", 'abc123def'],
    ['Ufoo-bar', 'Ufoo-bar'],
    ["'xyz789...'", 'xyz789'],
    ['None', null],
    ['undefined', null],
    ['NONEXISTENT', 'NONEXISTENT'],
  ])('%j is %j', (raw, expected) => {
    expect(cleanJti(raw)).toBe(expected);
  });
});

describe('readKeyValues', () => {
  test('reads each key once, normalised, with the first value kept', () => {
    const pairs = readKeyValues(
      'User: +573001234567, Old JTI: aaa111, New JTI: bbb222, user: x',
    );
    expect([...pairs]).toEqual([
      ['user', '+573001234567'],
      ['old_jti', 'aaa111'],
      ['new_jti', 'bbb222'],
    ]);
  });

  test('gives the same pairs when called again on other text (no state left behind)', () => {
    readKeyValues('JTI: abc, user_id: +57300');
    expect([...readKeyValues('ID: s1, IP: 10.0.0.1')]).toEqual([
      ['id', 's1'],
      ['ip', '10.0.0.1'],
    ]);
    expect([...readKeyValues('')]).toEqual([]);
  });
});
