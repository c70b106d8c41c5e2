import type { StreamRecord } from '../StreamRecord';
import { isoZ } from './formatTime';
import { messageOf } from './messageLines';
import { PyFloat, pythonJson } from './pythonJson';
import type { JsonFlavour } from './StreamShape';

/** Whether the flavour names the record's dyno (then lines may arrive out of order between dynos). */
export function jsonHasSource(flavour: JsonFlavour): boolean {
  return flavour !== 'basic';
}

/** One JSON object per record, with the keys a JSON formatter of that flavour writes. */
export function jsonLine(record: StreamRecord, flavour: JsonFlavour): string | null {
  if (record.kind !== 'app') return null;
  const message = messageOf(record);
  const level = record.level.toLowerCase();
  switch (flavour) {
    case 'basic':
      return pythonJson(
        { time: isoZ(record.timeUs, 6), level, logger: record.logger, message },
        { compact: false, ensureAscii: false },
      );
    case 'ecs':
      return pythonJson(
        {
          '@timestamp': isoZ(record.timeUs, 3),
          levelname: record.level,
          name: record.logger,
          message,
          hostname: record.source,
        },
        { compact: true, ensureAscii: false },
      );
    case 'epoch':
      return pythonJson(
        {
          ts: new PyFloat(record.timeUs / 1e6),
          severity: record.level,
          logger_name: record.logger,
          msg: message,
          dyno: record.source,
        },
        { compact: false, ensureAscii: true },
      );
    case 'structlog':
      return pythonJson(
        {
          event: message,
          level,
          logger: record.logger,
          timestamp: isoZ(record.timeUs, 6),
          container: record.source,
        },
        { compact: false, ensureAscii: false },
      );
  }
}
