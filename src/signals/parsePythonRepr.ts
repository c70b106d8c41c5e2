import { nextReprToken, type ReprToken } from './nextReprToken';
import { isPyDict, setEntry, type PyDict, type PyValue } from './PyValue';
import { pythonCallToValue } from './pythonCallToValue';

export type PythonReprResult =
  | { ok: true; value: PyValue }
  | {
      ok: false;
      error: string;
      /** Offset in the text where reading stopped. */
      position: number;
      /** The text ended (or hit a `...` marker) before the value did. */
      truncated: boolean;
      /**
       * What could be read: the outermost container with its complete
       * elements only (an element cut in the middle is left out), or the whole
       * value when only trailing text was wrong.
       */
      partial: PyValue | undefined;
    };

/**
 * Reads the `repr` of a Python value (lists, tuples, dicts, sets, strings in
 * either quote with escapes, numbers, `True`/`False`/`None`, constructor
 * calls such as `UUID('...')` and `datetime.datetime(...)`), on one line or
 * pretty-printed. Never throws: unreadable text gives `ok: false` with what
 * was read before the problem.
 *
 * @example
 * parsePythonRepr("[{'id': UUID('1d14'), 'ip_address': None}]")
 * // { ok: true, value: [{ id: '1d14', ip_address: null }] }
 */
export function parsePythonRepr(text: string): PythonReprResult {
  try {
    return { ok: true, value: new ReprParser(text).readDocument() };
  } catch (error) {
    if (!(error instanceof ReprError)) throw error;
    const { message, position, truncated, partial } = error;
    return { ok: false, error: message, position, truncated, partial };
  }
}

class ReprError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly truncated: boolean,
    readonly partial?: PyValue,
  ) {
    super(message);
  }
}

// Deep enough for any real repr, shallow enough to stay far from the JS stack limit.
const MAX_DEPTH = 200;
const CONSTANTS: Record<string, PyValue> = {
  True: true,
  False: false,
  None: null,
  nan: NaN,
  inf: Infinity,
};
type Close = ']' | ')' | '}';

class ReprParser {
  private token: ReprToken;
  private depth = 0;

  constructor(private readonly text: string) {
    this.token = nextReprToken(text, 0);
  }

  readDocument(): PyValue {
    if (this.token.type === 'end') throw new ReprError('empty input', 0, false);
    const value = this.readValue();
    const after = this.current();
    if (after.type === 'end') return value;
    if (after.type === 'cut') throw this.failure(value);

    const at = after.start;
    throw new ReprError(`unexpected text after the value at ${at}`, at, false, value);
  }

  private readValue(): PyValue {
    const token = this.advance();
    switch (token.type) {
      case 'string':
        return this.readAdjacentStrings(token.value);
      case 'number':
      case 'opaque':
        return token.value;
      case 'name':
        return this.readName(token.value);
      case 'punct':
        if (token.value === '[') return this.nested(() => this.readSequence(']', []));
        if (token.value === '(') return this.nested(() => this.readParenthesised());
        if (token.value === '{') return this.nested(() => this.readBraces());
        throw new ReprError(
          `unexpected '${token.value}' at ${token.start}`,
          token.start,
          false,
        );
      default:
        throw this.failure(undefined, token);
    }
  }

  /** Python joins `'ab' 'cd'`; pprint splits long strings that way. */
  private readAdjacentStrings(first: string): string {
    let value = first;
    for (let next = this.current(); next.type === 'string'; next = this.current()) {
      value += next.value;
      this.advance();
    }
    return value;
  }

  private readName(name: string): PyValue {
    if (this.isPunct('(')) {
      this.advance();
      return this.nested(() => this.readCall(name));
    }
    return Object.hasOwn(CONSTANTS, name) ? (CONSTANTS[name] ?? null) : name;
  }

  /** The rest of `[a, b]`, of a tuple after its first element, or of a set. */
  private readSequence(close: Close, items: PyValue[]): PyValue[] {
    for (;;) {
      if (this.isPunct(close)) {
        this.advance();
        return items;
      }
      if (items.length > 0) {
        this.expectComma(items, close);
        if (this.isPunct(close)) continue; // a trailing comma
      }
      items.push(this.guard(items, () => this.readValue()));
    }
  }

  private readParenthesised(): PyValue {
    if (this.isPunct(')')) {
      this.advance();
      return [];
    }
    const first = this.guard([], () => this.readValue());
    if (this.isPunct(')')) {
      this.advance();
      return first; // `(x)` is x itself; only `(x,)` is a tuple
    }
    return this.readSequence(')', [first]);
  }

  private readBraces(): PyValue {
    const dict: PyDict = {};
    if (this.isPunct('}')) {
      this.advance();
      return dict;
    }
    const firstKey = this.guard(dict, () => this.readValue());
    if (!this.isPunct(':')) return this.readSequence('}', [firstKey]); // a set

    for (let key = firstKey; ;) {
      this.expect(':', dict);
      setEntry(
        dict,
        keyText(key),
        this.guard(dict, () => this.readValue()),
      );
      if (this.isPunct('}')) {
        this.advance();
        return dict;
      }
      this.expectComma(dict, '}');
      if (this.isPunct('}')) continue;
      key = this.guard(dict, () => this.readValue());
    }
  }

  private readCall(name: string): PyValue {
    const args: PyValue[] = [];
    const kwargs: PyDict = {};
    for (let first = true; ; first = false) {
      if (this.isPunct(')')) {
        this.advance();
        return pythonCallToValue(name, args, kwargs);
      }
      if (!first) {
        this.expectComma(undefined, ')');
        if (this.isPunct(')')) continue;
      }
      const keyword = this.keywordAhead();
      if (keyword === null) {
        args.push(this.readValue());
      } else {
        this.advance();
        this.advance();
        setEntry(kwargs, keyword, this.readValue());
      }
    }
  }

  /** The name of a `name=` keyword argument starting here, else null. */
  private keywordAhead(): string | null {
    if (this.token.type !== 'name') return null;
    const after = nextReprToken(this.text, this.token.end);
    return after.type === 'punct' && after.value === '=' ? this.token.value : null;
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      throw new ReprError('nesting too deep', this.token.start, false);
    }
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  /** Runs `read`; on failure, reports the container's complete part instead. */
  private guard(container: PyValue, read: () => PyValue): PyValue {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ReprError)) throw error;
      throw new ReprError(error.message, error.position, error.truncated, container);
    }
  }

  private expectComma(container: PyValue | undefined, close: Close): void {
    if (this.isPunct(',')) {
      this.advance();
      return;
    }
    if (this.token.type === 'punct' || this.token.type === 'name') {
      const at = this.token.start;
      throw new ReprError(`expected ',' or '${close}' at ${at}`, at, false, container);
    }
    throw this.failure(container);
  }

  private expect(punct: ':', container: PyValue): void {
    if (this.isPunct(punct)) {
      this.advance();
      return;
    }
    throw this.failure(container);
  }

  /** The error for the current token (or `token`): a cut, the end, or bad text. */
  private failure(partial?: PyValue, token: ReprToken = this.token): ReprError {
    const at = token.start;
    switch (token.type) {
      case 'end':
        return new ReprError(
          `the text ends at ${at} before the value does`,
          at,
          true,
          partial,
        );
      case 'cut':
        return new ReprError(`a truncation marker at ${at}`, at, true, partial);
      case 'bad':
        return new ReprError(token.reason, at, token.truncated, partial);
      default:
        return new ReprError(`unexpected ${token.type} at ${at}`, at, false, partial);
    }
  }

  /** The token under the cursor, read through a call so TypeScript drops old narrowings. */
  private current(): ReprToken {
    return this.token;
  }

  private isPunct(value: string): boolean {
    return this.token.type === 'punct' && this.token.value === value;
  }

  private advance(): ReprToken {
    const current = this.token;
    this.token = nextReprToken(this.text, current.end);
    return current;
  }
}

function keyText(key: PyValue): string {
  if (typeof key === 'string') return key;
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  if (typeof key === 'number') return String(key);
  return isPyDict(key) || Array.isArray(key) ? JSON.stringify(key) : String(key);
}
