import type { Logger } from '../logging/createLogger';
import type { WritebackSender } from '../writeback/createOutboxWorker';
import type { SentryCommentPayload } from '../writeback/createWritebackPlanner';
import type { SendOutcome } from '../writeback/Writeback';
import { isOwnComment } from './commentText';
import type { SentryApi } from './createSentryApi';
import { SentryApiError } from './SentryApiError';

// Sentry refuses the same note twice within an hour with a 400:
// `{"detail": "You have already posted that comment."}`.
const DUPLICATE = /already (?:posted|exists)|duplicate/i;

/**
 * Posts a `sentry_comment` write-back once. A comment may be stored although
 * its answer was lost (a 5xx, a timeout, a crash), so every attempt after the
 * first looks for it on the issue before posting again, and a 400 saying it
 * already exists counts as done once our comment is found there.
 */
export function createCommentSender(api: SentryApi, logger: Logger): WritebackSender {
  const log = logger.child({ part: 'sentry-comments' });

  async function find(payload: SentryCommentPayload): Promise<boolean> {
    const texts = await api.commentTexts(payload.issueId);
    return texts.some(
      (text) => text === payload.text || isOwnComment(text, payload.incidentId),
    );
  }

  return async (writeback) => {
    const payload = writeback.payload as SentryCommentPayload;
    const clog = log.child({ writebackId: writeback.id, issueId: payload.issueId });

    if (writeback.attempts > 1 || writeback.interrupted) {
      try {
        if (await find(payload)) {
          clog.debug('comment found on the issue; an earlier attempt posted it');
          return { kind: 'delivered', status: 200, result: { foundBeforeRetry: true } };
        }
      } catch (error) {
        const refused = lookupRefused(error);
        if (refused) return refused;
        // A read we may not do (403, 404) cannot tell; Sentry's own duplicate
        // check still guards the next hour, so post.
        clog.warn(
          { err: error },
          'cannot read the issue’s comments to check for ours; posting',
        );
      }
    }

    const outcome = await api.postComment(payload.issueId, payload.text);
    if (outcome.kind !== 'rejected' || outcome.status !== 400) return outcome;
    if (!DUPLICATE.test(outcome.error)) return outcome;

    try {
      if (await find(payload)) {
        return { kind: 'delivered', status: 200, result: { foundAfterDuplicate: true } };
      }
    } catch (error) {
      clog.warn(
        { err: error },
        'Sentry says the comment exists, but the issue’s comments cannot be read',
      );
    }
    return outcome;
  };
}

/** A lookup that failed by Sentry's fault or a rate limit: try the whole attempt later. */
function lookupRefused(error: unknown): SendOutcome | null {
  const status = error instanceof SentryApiError ? error.status : null;
  if (status !== null && status >= 400 && status < 500 && status !== 429) return null;
  return {
    kind: 'retry',
    status,
    retryAfterMs: error instanceof SentryApiError ? error.retryAfterMs : null,
    error: `looking for the comment before posting again failed: ${
      error instanceof Error ? error.message : String(error)
    }`,
    rateLimited: status === 429,
  };
}
