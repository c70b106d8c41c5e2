/**
 * `template % args` as Python's logging does it, for `%s`, `%d` and `%%`.
 *
 * @example
 * pythonPercent('JTI: %s, user_id: %s', ['abc', '+573001234567']);
 */
export function pythonPercent(
  template: string,
  args: readonly (string | number)[],
): string {
  let next = 0;
  return template.replace(/%([sd%])/g, (_match, spec: string) => {
    if (spec === '%') return '%';
    if (next >= args.length)
      throw new Error(`pythonPercent: too few args for ${template}`);
    const value = args[next++]!;
    return spec === 'd' ? String(Math.trunc(Number(value))) : String(value);
  });
}

/** `text` with every `%` doubled, so it can sit in a template literally. */
export function escapePercent(text: string): string {
  return text.replace(/%/g, '%%');
}
