import {
  committedBodyKey,
  createCommittedBodies,
} from '../../webhook/createCommittedBodies';

const body = (eventId: string) => ({
  resource: 'event_alert',
  action: 'triggered',
  eventId,
});

describe('createCommittedBodies', () => {
  it('finds a remembered delivery by its key and nothing under another', () => {
    const committed = createCommittedBodies(10);
    committed.remember('a', body('e1'));

    expect(committed.get('a')).toEqual(body('e1'));
    expect(committed.get('b')).toBeUndefined();
  });

  it('forgets the oldest note once past the limit', () => {
    const committed = createCommittedBodies(2);
    committed.remember('a', body('e1'));
    committed.remember('b', body('e2'));
    committed.remember('c', body('e3'));

    expect(committed.get('a')).toBeUndefined();
    expect(committed.get('b')).toEqual(body('e2'));
    expect(committed.get('c')).toEqual(body('e3'));
  });

  it('counts a note remembered again as the newest', () => {
    const committed = createCommittedBodies(2);
    committed.remember('a', body('e1'));
    committed.remember('b', body('e2'));
    committed.remember('a', body('e1'));
    committed.remember('c', body('e3'));

    expect(committed.get('a')).toEqual(body('e1'));
    expect(committed.get('b')).toBeUndefined();
  });
});

describe('committedBodyKey', () => {
  const signature = 'AB'.repeat(32);

  it('is the same for a signature in either case or with spaces around it', () => {
    expect(committedBodyKey(` ${signature} `, 'event_alert')).toBe(
      committedBodyKey(signature.toLowerCase(), 'event_alert'),
    );
  });

  it('differs when the same bytes claim another resource or none', () => {
    const keys = new Set([
      committedBodyKey(signature, 'event_alert'),
      committedBodyKey(signature, 'issue'),
      committedBodyKey(signature, undefined),
    ]);
    expect(keys.size).toBe(3);
  });
});
