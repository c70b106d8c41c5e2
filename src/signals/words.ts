// Accented letters as the app writes them, without the accent, as mojibake
// (`Ã³` when UTF-8 was read as Latin-1) or as a replacement character.
const ACCENTS: Record<string, string> = {
  '{o}': '(?:o|ó|Ã³|\\?|\\uFFFD)',
  '{e}': '(?:e|é|Ã©|\\?|\\uFFFD)',
  '{a}': '(?:a|á|Ã¡|\\?|\\uFFFD)',
  '{i}': '(?:i|í|Ã­|\\?|\\uFFFD)',
};

/**
 * A case-insensitive pattern for a phrase of the app's messages, written
 * readably: a space stands for any run of blanks and `{o}` for an `o` with
 * or without its accent (`sesi{o}n` matches `Sesión`, `Sesion`, `SESIÓN`).
 *
 * Several parts are joined, so that long phrase lists can be written one
 * alternative per line with {@link anyOf}.
 *
 * @example words('^sesi{o}n encontrada').test('Sesión  encontrada') // true
 */
export function words(...parts: string[]): RegExp {
  const source = parts
    .join('')
    .replace(/\{[oeai]\}/g, (accent) => ACCENTS[accent] ?? accent)
    .replace(/ /g, '\\s+');
  return new RegExp(source, 'i');
}

/** A non-capturing group of alternatives: `anyOf('para', 'for')` is `(?:para|for)`. */
export function anyOf(...alternatives: string[]): string {
  return `(?:${alternatives.join('|')})`;
}
