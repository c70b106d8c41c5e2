/** A session row as `revoke_all_sessions` lists it. */
export interface SessionRow {
  id: string;
  jti: string;
  ip: string;
  /** Epoch microseconds. */
  createdAtUs: number;
}

/**
 * How `Sesiones afectadas` is written: `inline` on the message's line;
 * `indented`, one dict per line as in the guide; `pprint`, Python's
 * `pprint.pformat` (keys sorted, one key per line once a dict is too wide).
 */
export type AffectedStyle = 'inline' | 'indented' | 'pprint';

/** `UUID('...')` and `datetime.datetime(...)` values, or plain strings as the guide shows. */
export type ValueStyle = 'python' | 'strings';

/** Python's `repr` of an aware UTC datetime: trailing zero seconds and microseconds are left out. */
export function datetimeRepr(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const micro = ((us % 1_000_000) + 1_000_000) % 1_000_000;
  const parts = [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  ].map(String);
  const second = d.getUTCSeconds();
  if (second !== 0 || micro !== 0) parts.push(String(second));
  if (micro !== 0) parts.push(String(micro));
  return `datetime.datetime(${parts.join(', ')}, tzinfo=datetime.timezone.utc)`;
}

function isoSeconds(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function fields(row: SessionRow, values: ValueStyle): [string, string][] {
  return [
    ['id', values === 'python' ? `UUID('${row.id}')` : `'${row.id}'`],
    ['refresh_token_jti', `'${row.jti}'`],
    ['ip_address', `'${row.ip}'`],
    [
      'created_at',
      values === 'python'
        ? datetimeRepr(row.createdAtUs)
        : `'${isoSeconds(row.createdAtUs)}'`,
    ],
  ];
}

function dictRepr(pairs: [string, string][]): string {
  return `{${pairs.map(([k, v]) => `'${k}': ${v}`).join(', ')}}`;
}

/** pprint's layout of a list of dicts at width 80. */
function pformat(rows: [string, string][][]): string {
  const flat = `[${rows.map(dictRepr).join(', ')}]`;
  if (flat.length <= 80) return flat;
  const dicts = rows.map((pairs, i) => {
    const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : 1));
    const one = dictRepr(sorted);
    const lead = i === 0 ? '[' : ' ';
    if (one.length + 2 <= 80) return lead + one;
    return (
      lead +
      '{' +
      sorted.map(([k, v], j) => `${j === 0 ? '' : '  '}'${k}': ${v}`).join(',\n') +
      '}'
    );
  });
  return `${dicts.join(',\n')}]`;
}

/** The Python `repr` of the affected sessions in the given layout. */
export function affectedSessionsRepr(
  rows: readonly SessionRow[],
  style: AffectedStyle,
  values: ValueStyle,
): string {
  const pairs = rows.map((row) => fields(row, values));
  if (rows.length === 0) return '[]';
  if (style === 'inline') return `[${pairs.map(dictRepr).join(', ')}]`;
  if (style === 'indented')
    return `[\n${pairs.map((p) => `  ${dictRepr(p)}`).join(',\n')}\n]`;
  return pformat(pairs);
}

/** `['a', 'b']`, as Python prints a list of strings. */
export function stringListRepr(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(', ')}]`;
}
