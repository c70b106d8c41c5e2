import { nextReprToken, type ReprToken } from '../../src/signals/nextReprToken';

function tokens(text: string): ReprToken[] {
  const all: ReprToken[] = [];
  for (let pos = 0; ;) {
    const token = nextReprToken(text, pos);
    all.push(token);
    if (token.type === 'end' || token.type === 'bad') return all;
    pos = token.end;
  }
}

const shapes = (text: string) =>
  tokens(text).map((t) => ('value' in t ? `${t.type}:${String(t.value)}` : t.type));

describe('nextReprToken', () => {
  test('splits a call with a dotted name, a string and a keyword', () => {
    expect(shapes('datetime.datetime(2026, tzinfo=datetime.timezone.utc)')).toEqual([
      'name:datetime.datetime',
      'punct:(',
      'number:2026',
      'punct:,',
      'name:tzinfo',
      'punct:=',
      'name:datetime.timezone.utc',
      'punct:)',
      'end',
    ]);
  });

  test('reads prefixed, triple-quoted and raw strings', () => {
    expect(shapes(`b'x' '''a'b''' r'\\d'`)).toEqual([
      'string:x',
      "string:a'b",
      'string:\\d',
      'end',
    ]);
  });

  test('reads "..." and "…" as cut tokens and <UTC> as opaque', () => {
    expect(shapes('... … <UTC>')).toEqual(['cut', 'cut', 'opaque:UTC', 'end']);
  });

  test('reports an unterminated string as a bad token marked truncated', () => {
    expect(nextReprToken("'abc", 0)).toMatchObject({ type: 'bad', truncated: true });
  });

  test('reports an unexpected character as a bad token not marked truncated', () => {
    expect(nextReprToken('@', 0)).toMatchObject({ type: 'bad', truncated: false });
  });
});
