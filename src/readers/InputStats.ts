import type { InputFormat } from './InputFormat';

/** What was read from one input; filled in as the input is read. */
export interface InputStats {
  name: string;
  /** The forced or detected format; null until read, or when nothing was recognised. */
  format: InputFormat | null;
  /** Bytes read (compressed, for a gzipped input). */
  bytes: number;
  /** Records the input produced, before duplicates across inputs were dropped. */
  records: number;
  /** Copies of a line merged within this input (Sentry breadcrumbs repeat lines). */
  duplicates: number;
  /** Lines no parser understood (garbage, broken JSON), skipped. */
  skippedLines: number;
  /** Up to 20 short notes on what could not be read (never fatal). */
  problems: string[];
}
