import { keepRotation, rotationEvidence } from '../../src/engine/KeptRotation';
import type { SeenSignal, SignalOf } from '../../src/engine/SeenSignal';
import type { LogRecord, RecordOrigin } from '../../src/model/LogRecord';
import { parseSignal } from '../../src/signals/parseSignal';

const USER = '+573001234567';
const OLD = 'aaaaaaaa11111111aaaaaaaa11111111';
const NEW = 'bbbbbbbb22222222bbbbbbbb22222222';

function seenRotation(
  message: string,
  origin: Partial<RecordOrigin> = {},
): SeenSignal<SignalOf<'rotation'>> {
  const record: LogRecord = {
    time: 1_000,
    source: 'web.1',
    logger: null,
    level: null,
    message,
    origin: { kind: 'log', ...origin },
  };
  const signal = parseSignal(record, { appRoot: '/app/' });
  if (signal?.kind !== 'rotation') throw new Error(`not a rotation: ${message}`);
  return { signal, seq: 7, time: record.time };
}

describe('keepRotation', () => {
  test.each([
    `[SESSION_REFRESH] Token rotated - User: ${USER}, Old JTI: ${OLD}, New JTI: ${NEW}`,
    `[SESSION_REFRESH] Token rotado - User: ${USER}, Old JTI: ${OLD}, New JTI: ${NEW}`,
  ])('keeps the template instead of the line, and gives the line back: %s', (line) => {
    const kept = keepRotation(seenRotation(line), OLD, NEW, USER);

    expect(kept.template).toBeGreaterThanOrEqual(0);
    expect(kept.evidence).toBeNull();
    expect(rotationEvidence(kept)).toEqual({
      seq: 7,
      time: 1_000,
      tag: 'SESSION_REFRESH',
      kind: 'rotation',
      message: line,
      source: 'web.1',
    });
  });

  test('gives the same timeline entry each time it is asked', () => {
    const line = `[SESSION_REFRESH] Token rotated - User: ${USER}, Old JTI: ${OLD}, New JTI: ${NEW}`;
    const kept = keepRotation(seenRotation(line), OLD, NEW, USER);

    expect(rotationEvidence(kept)).toBe(rotationEvidence(kept));
  });

  test('keeps a line in another shape as it was logged', () => {
    const line = `[SESSION_REFRESH] Token rotated - User: ${USER}, Old JTI: ${OLD}..., New JTI: ${NEW}`;
    const kept = keepRotation(seenRotation(line), OLD, NEW, USER);

    expect(kept.template).toBe(-1);
    expect(rotationEvidence(kept).message).toBe(line);
  });

  test("keeps a Sentry event's links with the line", () => {
    const line = `[SESSION_REFRESH] Token rotated - User: ${USER}, Old JTI: ${OLD}, New JTI: ${NEW}`;
    const seen = seenRotation(line, {
      kind: 'sentry-event',
      eventId: 'e1',
      issueId: '42',
    });
    const kept = keepRotation(seen, OLD, NEW, USER);

    expect(rotationEvidence(kept)).toMatchObject({
      message: line,
      eventId: 'e1',
      issueId: '42',
    });
  });
});
