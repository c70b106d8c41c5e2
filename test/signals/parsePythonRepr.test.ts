import { parsePythonRepr } from '../../src/signals/parsePythonRepr';

const valueOf = (text: string) => {
  const result = parsePythonRepr(text);
  if (!result.ok) throw new Error(`not ok: ${result.error}`);
  return result.value;
};

describe('parsePythonRepr', () => {
  test('reads a one-line list of session dicts with UUID and datetime values', () => {
    const text =
      "[{'id': UUID('1d140ed8-9cb6-463d-a9bf-ec51f0651621'), 'refresh_token_jti': '328475a738868e9b5a124b1d0fb5d240', 'ip_address': '203.0.113.124', 'created_at': datetime.datetime(2025, 12, 31, 2, 17, 48, 974753, tzinfo=datetime.timezone.utc)}]";
    expect(valueOf(text)).toEqual([
      {
        id: '1d140ed8-9cb6-463d-a9bf-ec51f0651621',
        refresh_token_jti: '328475a738868e9b5a124b1d0fb5d240',
        ip_address: '203.0.113.124',
        created_at: '2025-12-31T02:17:48.974753Z',
      },
    ]);
  });

  test('reads a list pretty-printed over several lines the same as on one line', () => {
    const pretty = [
      '[',
      "    {'id': UUID('a'),",
      "     'refresh_token_jti': 'abc123',",
      "     'created_at': datetime.datetime(2026, 1, 3, 10, 0,",
      '                                     tzinfo=datetime.timezone.utc)},',
      "    {'id': UUID('b'), 'refresh_token_jti': 'xyz789', 'created_at': None},",
      ']',
    ].join('\n');
    const flat =
      "[{'id': UUID('a'), 'refresh_token_jti': 'abc123', 'created_at': datetime.datetime(2026, 1, 3, 10, 0, tzinfo=datetime.timezone.utc)}, {'id': UUID('b'), 'refresh_token_jti': 'xyz789', 'created_at': None}]";
    expect(valueOf(pretty)).toEqual(valueOf(flat));
  });

  test.each([
    ['datetime.datetime(2026, 1, 3, 10, 0)', '2026-01-03T10:00:00'],
    ['datetime.datetime(2026, 1, 3, 10, 0, 5, 120)', '2026-01-03T10:00:05.000120'],
    ['datetime.datetime(2026, 1, 3, 10, 0, tzinfo=<UTC>)', '2026-01-03T10:00:00Z'],
    [
      'datetime.datetime(2026, 1, 3, 5, 0, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400)))',
      '2026-01-03T05:00:00-05:00',
    ],
    [
      "datetime.datetime(2026, 1, 3, 5, 0, tzinfo=zoneinfo.ZoneInfo(key='America/Bogota'))",
      '2026-01-03T05:00:00',
    ],
    ['datetime.date(2026, 1, 3)', '2026-01-03'],
  ])('reads %s as the ISO string %s', (text, iso) => {
    expect(valueOf(text)).toBe(iso);
  });

  test('reads True, False, None, numbers and both quote styles with escapes', () => {
    expect(
      valueOf(
        `(True, False, None, -3, 2.5, 1e3, 0x1f, 'it\\'s', "say \\"hi\\"", 'tab\\there', '\\xe9\\u00f3', b'raw')`,
      ),
    ).toEqual([
      true,
      false,
      null,
      -3,
      2.5,
      1000,
      31,
      "it's",
      'say "hi"',
      'tab\there',
      'éó',
      'raw',
    ]);
  });

  test('reads nested lists, dicts, tuples and sets as arrays and objects', () => {
    expect(
      valueOf("{'a': [1, (2, 3)], 'b': {'c': {4, 5}}, 'd': (), 'e': (6,), 1: 'one'}"),
    ).toEqual({
      a: [1, [2, 3]],
      b: { c: [4, 5] },
      d: [],
      e: [6],
      '1': 'one',
    });
  });

  test('joins adjacent string literals as Python and pprint do', () => {
    expect(valueOf("['abc'\n 'def']")).toEqual(['abcdef']);
  });

  test('reads an unknown constructor call as its arguments', () => {
    expect(
      valueOf("[Decimal('10.50'), Point(1, 2), Money(amount=3, currency='COP')]"),
    ).toEqual(['10.50', [1, 2], [{ amount: 3, currency: 'COP' }]]);
  });

  test('keeps the complete dicts of a list cut short and reports it as truncated', () => {
    const result = parsePythonRepr(
      "[{'id': UUID('a'), 'jti': 'abc123'}, {'id': UUID('b'), 'jti': 'xy",
    );
    expect(result).toMatchObject({
      ok: false,
      truncated: true,
      partial: [{ id: 'a', jti: 'abc123' }],
    });
  });

  test('treats a trailing "..." marker as a cut and keeps the complete elements', () => {
    const result = parsePythonRepr("[{'jti': 'abc123'}, {'jti': ...");
    expect(result).toMatchObject({
      ok: false,
      truncated: true,
      partial: [{ jti: 'abc123' }],
    });
  });

  test('reports text after a complete value as an error with the value as partial', () => {
    const result = parsePythonRepr("['abc'] and more");
    expect(result).toMatchObject({ ok: false, truncated: false, partial: ['abc'] });
  });

  test.each([
    { text: '', label: 'empty input' },
    { text: '{{{{', label: 'unclosed braces' },
    { text: "{'a': }", label: 'a missing value' },
    { text: '@#%!', label: 'symbols' },
    { text: '[1, 2 3]', label: 'a missing comma' },
    { text: '['.repeat(10000), label: '10 000 nested brackets' },
    { text: "'unterminated", label: 'an unterminated string' },
  ])('returns ok false instead of throwing on garbage: $label', ({ text }) => {
    expect(() => parsePythonRepr(text)).not.toThrow();
    expect(parsePythonRepr(text).ok).toBe(false);
  });

  test('stores a __proto__ key as data without touching the prototype', () => {
    const value = valueOf("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
