/** What a committed event delivery was, enough to answer its repeats the same way. */
export interface CommittedBody {
  resource: string;
  action: string;
  eventId: string;
}

export interface CommittedBodies {
  /** The delivery committed before with this key, or undefined. */
  get(key: string): CommittedBody | undefined;
  /** Notes a delivery whose content key is committed; the oldest note goes past `limit`. */
  remember(key: string, body: CommittedBody): void;
}

/**
 * The event deliveries already committed, keyed by their verified signature
 * (and the resource header they came with). Sentry retries send the very same
 * bytes, and a signature that verifies names those bytes: a repeat is
 * answered as a duplicate without parsing 30 KB of JSON or asking the store.
 * Only what the store already holds is noted, and nothing is ever removed
 * from the store's deliveries, so a note never answers for a body that is
 * not stored. Bounded: a repeat older than `limit` deliveries is found by
 * the store instead.
 */
export function createCommittedBodies(limit: number): CommittedBodies {
  const bodies = new Map<string, CommittedBody>();

  return {
    get(key) {
      return bodies.get(key);
    },
    remember(key, body) {
      bodies.delete(key);
      bodies.set(key, body);
      if (bodies.size > limit) {
        // A Map iterates in insertion order: the first key is the oldest note.
        const oldest = bodies.keys().next();
        if (!oldest.done) bodies.delete(oldest.value);
      }
    },
  };
}

/** The key of a delivery whose signature verified: its bytes, and the resource it claims. */
export function committedBodyKey(signature: string, resourceHeader: string | undefined) {
  return `${signature.trim().toLowerCase()} ${resourceHeader ?? ''}`;
}
