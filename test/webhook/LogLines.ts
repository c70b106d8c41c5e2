/** A pino destination that keeps the JSON lines for assertions. */
export class LogLines {
  readonly lines: Record<string, unknown>[] = [];

  write(line: string) {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }

  find(predicate: (line: Record<string, unknown>) => boolean) {
    return this.lines.filter(predicate);
  }
}
