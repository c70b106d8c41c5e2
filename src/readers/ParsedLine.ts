/**
 * What one physical line says once its prefixes are read; the assembler
 * turns runs of these into records. Produced by the line parsers.
 */
export interface ParsedLine {
  time: number | null;
  /** Dyno, container, syslog process id, JSON source field; null when none. */
  source: string | null;
  level: string | null;
  logger: string | null;
  /** The text after the platform and app prefixes. */
  message: string;
  /**
   * True when the line opens a record (an app prefix, a `[TAG]`, a JSON
   * object with level or logger); false when it may continue the open
   * record of its source (a stack line, a split piece).
   */
  starts: boolean;
  /**
   * A complete record on its own that never opens or closes a multi-line
   * record (router lines, Heroku platform lines): a router line for web.2
   * must not cut a web.2 traceback in two.
   */
  standalone: boolean;
  kind: 'log' | 'router';
  /** No platform prefix, no app prefix, no tag: may only continue a record. */
  bare?: boolean;
  httpStatus?: number;
  path?: string;
}
