import type { Frame } from '../model/Frame';
import type { Incident } from '../model/Incident';
import type { LogRecord } from '../model/LogRecord';
import type { AnalysisSettings } from '../model/Settings';
import { parseSignal } from '../signals';
import type { TriggerFrame } from './TriggerFrame';

const STACK_TAGS = new Set(['REVOKE_ALL_SESSIONS', 'SESSION_DEACTIVATED', 'USER_SAVE']);

/**
 * The incident's trigger frames with their logged path and code line. The
 * incident keeps only file, function and line; the stacks are in the records
 * of its signals, found again by time and tag.
 *
 * TODO(engine): drop this once the engine's incidents carry `code` and
 * `absPath` on trigger frames (SPEC §6 allows added fields).
 */
export function triggerFramesWithCode(
  incident: Incident,
  recordsByMs: Map<number, LogRecord[]>,
  settings: Pick<AnalysisSettings, 'appRoot'>,
): TriggerFrame[] {
  const frames: TriggerFrame[] =
    incident.trigger?.frames.map((frame) => ({ ...frame })) ?? [];
  if (frames.length === 0) return frames;

  const logged: Frame[] = [];
  for (const signal of incident.signals) {
    if (!STACK_TAGS.has(signal.tag) || signal.at === null) continue;
    for (const record of recordsByMs.get(Date.parse(signal.at)) ?? []) {
      if (!record.message.includes(`[${signal.tag}]`)) continue;
      const parsed = parseSignal(record, settings);
      if (parsed && 'stack' in parsed && parsed.stack)
        logged.push(...parsed.stack.frames);
    }
  }

  for (const frame of frames) {
    const found = logged.find(
      (candidate) =>
        candidate.file === frame.file &&
        candidate.function === frame.function &&
        candidate.line === frame.line,
    );
    if (found) {
      frame.absPath = found.absPath;
      frame.code = found.code;
    }
  }
  return frames;
}

/** Records indexed by their time in whole ms, the precision incident signals keep. */
export function recordsByMs(records: LogRecord[]): Map<number, LogRecord[]> {
  const index = new Map<number, LogRecord[]>();
  for (const record of records) {
    if (record.time === null) continue;
    const ms = Math.floor(record.time);
    const list = index.get(ms);
    if (list) list.push(record);
    else index.set(ms, [record]);
  }
  return index;
}
