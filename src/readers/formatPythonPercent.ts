// `%s`, `%(name)s`, `%-8.3f`, `%%`: Python's printf-style conversions.
const CONVERSION =
  /%(?:\(([^)]*)\))?[#0\- +]*(?:\d+|\*)?(?:\.\d+)?[hlL]?([diouxXeEfFgGcrsa%])/g;

function repr(value: unknown): string {
  if (typeof value === 'string')
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  return repr(value);
}

function convert(value: unknown, type: string): string {
  if (type === 'r' || type === 'a') return repr(value);
  if (typeof value === 'number') {
    if (type === 'd' || type === 'i' || type === 'u') return String(Math.trunc(value));
    if (type === 'f' || type === 'F') return value.toFixed(6);
  }
  return str(value);
}

/**
 * Renders a `logentry.message` template with its `params` the way Python's
 * logging would (`'Usuario %s tiene %d sesiones' % params`). Used only when
 * Sentry sent no `formatted` text. A template with more conversions than
 * params keeps the extra conversions as written.
 */
export function formatPythonPercent(template: string, params: unknown): string {
  const list = Array.isArray(params) ? params : null;
  const named =
    params !== null && typeof params === 'object' && !Array.isArray(params)
      ? (params as Record<string, unknown>)
      : null;
  let next = 0;
  return template.replace(CONVERSION, (whole, name: string | undefined, type: string) => {
    if (type === '%') return '%';
    if (name !== undefined) {
      return named !== null && name in named ? convert(named[name], type) : whole;
    }
    if (list === null || next >= list.length) return whole;
    return convert(list[next++], type);
  });
}
