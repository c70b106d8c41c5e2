import { InvalidArgumentError } from 'commander';

/** `--expected-triggers logout,password` → `['logout', 'password']`. */
export function parseListFlag(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0)
    throw new InvalidArgumentError('expected a comma-separated list');
  return items;
}

/** A positive number flag such as `--race-window-seconds 5`. */
export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a positive number');
  }
  return number;
}
