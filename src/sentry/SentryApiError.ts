/** A Sentry REST call that failed for good; `status` is null when no answer came. */
export class SentryApiError extends Error {
  override name = 'SentryApiError';

  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}
