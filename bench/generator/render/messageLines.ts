import { pythonPercent } from '../pythonPercent';
import type { StreamRecord } from '../StreamRecord';

/** The record's message as logged, one string per line. */
export function messageOf(record: StreamRecord): string {
  return pythonPercent(record.template, record.args);
}

export function messageLines(record: StreamRecord): string[] {
  return messageOf(record).split('\n');
}
