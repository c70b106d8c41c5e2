/** The input shapes a reader understands; `--format` takes exactly these names. */
export const INPUT_FORMATS = [
  'heroku',
  'syslog',
  'docker',
  'django',
  'jsonl',
  'sentry',
  'sentry-rest',
  'message',
] as const;

export type InputFormat = (typeof INPUT_FORMATS)[number];

export function isInputFormat(value: string): value is InputFormat {
  return (INPUT_FORMATS as readonly string[]).includes(value);
}
