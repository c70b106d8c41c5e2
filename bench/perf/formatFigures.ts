/** Plain-text figures for the bench report: one line each, aligned labels. */

export function line(label: string, value: string): string {
  return `  ${label.padEnd(34)} ${value}\n`;
}

export function heading(text: string): string {
  return `\n## ${text}\n`;
}

export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function rss(kb: number | null): string {
  return kb === null ? 'n/a (no /usr/bin/time)' : `${(kb / 1024).toFixed(0)} MiB`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** `PASS`/`FAIL` and the target, for the closing summary. */
export function verdict(ok: boolean, text: string): string {
  return `  [${ok ? 'PASS' : 'FAIL'}] ${text}\n`;
}
