import type { LogRecord } from '../model/LogRecord';
import type { Signal } from '../model/Signal';

/** How the engine reads one record: its signal, or null for a record that is none. */
export type ParseRecord = (record: LogRecord) => Signal | null;
