import type { Logger } from '../logging/createLogger';
import { httpOutcome, networkOutcome, retryAfterMs } from '../writeback/httpOutcome';
import type { SendOutcome } from '../writeback/Writeback';
import { nextPageUrl } from './nextPageUrl';
import { SentryApiError } from './SentryApiError';

export interface SentryApiOptions {
  /** `SENTRY_API_URL`, e.g. https://sentry.io. */
  baseUrl: string;
  token: string;
  org: string;
  fetch: typeof fetch;
  logger: Logger;
  now: () => Date;
  /** Waits between reads; injected so tests need not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Longest wait a read accepts from a rate limit before giving up; default 60 s. */
  maxWaitMs?: number;
  /** Tries per page read (429, 5xx, network); default 5. */
  maxTries?: number;
  perPage?: number;
}

/** An issue from the search, with what tells whether it is a session issue. */
export interface SentryIssueSummary {
  id: string;
  title: string;
}

export interface EventRange {
  /** ISO 8601. */
  start?: string;
  end?: string;
}

export interface SentryApi {
  /** Every event of the issue, whole (`full=true`), following the pages. */
  issueEvents(issueId: string, range?: EventRange): Promise<unknown[]>;
  /** Issues matching `query` seen within the range, following the pages. */
  searchIssues(query: string, range: Required<EventRange>): Promise<SentryIssueSummary[]>;
  /** One comment; the outcome carries `{ commentId }` when it worked. */
  postComment(issueId: string, text: string): Promise<SendOutcome>;
  /** The texts of the issue's comments (to find ours after an interrupted post). */
  commentTexts(issueId: string): Promise<string[]>;
}

/**
 * The few Sentry REST calls write-back and re-analysis need, with the token
 * and the organisation bound. Reads wait out rate limits (`Retry-After`,
 * else `X-Sentry-Rate-Limit-Reset`) and retry 5xx with backoff; when
 * `X-Sentry-Rate-Limit-Remaining` hits 0 the next page waits for the reset.
 * Writes return their outcome; the outbox decides when to try again.
 */
export function createSentryApi(options: SentryApiOptions): SentryApi {
  const log = options.logger.child({ part: 'sentry-api' });
  const sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const maxTries = options.maxTries ?? 5;
  const perPage = options.perPage ?? 100;
  const orgPath = `${options.baseUrl}/api/0/organizations/${encodeURIComponent(options.org)}`;
  const headers = {
    authorization: `Bearer ${options.token}`,
    accept: 'application/json',
  };
  let waitBeforeNextMs = 0;

  async function read(url: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      if (waitBeforeNextMs > 0) {
        const wait = Math.min(waitBeforeNextMs, maxWaitMs);
        waitBeforeNextMs = 0;
        log.debug({ url, waitMs: wait }, 'rate limit exhausted; waiting for its reset');
        await sleep(wait);
      }

      let response: Response;
      try {
        response = await options.fetch(url, {
          headers,
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        if (attempt >= maxTries) {
          const reason = networkOutcome(error).error;
          throw new SentryApiError(`GET ${url} failed: ${reason}`, null, null);
        }
        await sleep(backoffMs(attempt));
        continue;
      }

      const nowMs = options.now().getTime();
      if (response.ok) {
        if (response.headers.get('x-sentry-rate-limit-remaining')?.trim() === '0') {
          waitBeforeNextMs = resetWaitMs(response.headers, nowMs);
        }
        return response;
      }

      const body = await response.text().catch(() => '');
      const outcome = httpOutcome(response.status, response.headers, body, nowMs);
      if (outcome.kind === 'rejected') {
        throw new SentryApiError(`GET ${url}: ${outcome.error}`, response.status, null);
      }
      if (outcome.kind !== 'retry') return response;
      const wait = outcome.retryAfterMs ?? backoffMs(attempt);
      if (attempt >= maxTries || wait > maxWaitMs) {
        throw new SentryApiError(`GET ${url}: ${outcome.error}`, response.status, wait);
      }
      log.debug(
        { url, status: response.status, waitMs: wait, attempt },
        'retrying a read',
      );
      await sleep(wait);
    }
  }

  async function readAllPages(first: string): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let url: string | null = first; url !== null;) {
      const response = await read(url);
      const page = (await response.json()) as unknown;
      if (!Array.isArray(page)) {
        throw new SentryApiError(
          `GET ${url}: expected a JSON array`,
          response.status,
          null,
        );
      }
      items.push(...page);
      url = nextPageUrl(response.headers.get('link'));
    }
    return items;
  }

  return {
    async issueEvents(issueId, range = {}) {
      const query = new URLSearchParams({ full: 'true', per_page: String(perPage) });
      if (range.start) query.set('start', range.start);
      if (range.end) query.set('end', range.end);
      const events = await readAllPages(
        `${orgPath}/issues/${encodeURIComponent(issueId)}/events/?${query}`,
      );
      log.debug({ issueId, events: events.length }, 'issue events read');
      return events;
    },

    async searchIssues(search, range) {
      const query = new URLSearchParams({
        query: search,
        start: range.start,
        end: range.end,
        limit: String(perPage),
      });
      const issues = await readAllPages(`${orgPath}/issues/?${query}`);
      return issues.flatMap((issue) => {
        const { id, title } = (issue ?? {}) as { id?: unknown; title?: unknown };
        return typeof id === 'string' || typeof id === 'number'
          ? [{ id: String(id), title: typeof title === 'string' ? title : '' }]
          : [];
      });
    },

    async postComment(issueId, text) {
      const url = `${orgPath}/issues/${encodeURIComponent(issueId)}/comments/`;
      let response: Response;
      try {
        response = await options.fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        return networkOutcome(error);
      }
      const body = await response.text().catch(() => '');
      let commentId: unknown = null;
      try {
        commentId = (JSON.parse(body) as { id?: unknown }).id ?? null;
      } catch {
        // A 2xx without JSON still posted the comment.
      }
      return httpOutcome(
        response.status,
        response.headers,
        body,
        options.now().getTime(),
        {
          commentId,
        },
      );
    },

    async commentTexts(issueId) {
      const url = `${orgPath}/issues/${encodeURIComponent(issueId)}/comments/`;
      const notes = await readAllPages(url);
      return notes.flatMap((note) => {
        const data = (note as { data?: { text?: unknown } } | null)?.data;
        return typeof data?.text === 'string' ? [data.text] : [];
      });
    },
  };
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** (attempt - 1));
}

function resetWaitMs(headers: Headers, nowMs: number): number {
  const wait = retryAfterMs(
    { get: (name) => (name === 'x-sentry-rate-limit-reset' ? headers.get(name) : null) },
    nowMs,
  );
  return wait ?? 1000;
}
