import type { SeenSignal } from './SeenSignal';

export interface UnexplainedContext {
  user: string;
  jti: string;
  failure: SeenSignal;
  lookbackHours: number;
  /** Time of the first record of the data, if any had a time. */
  firstTime: number | null;
  userHasHistory: boolean;
  jtiSeenElsewhere: boolean;
  sawSentry: boolean;
  sawRevocationLines: boolean;
}

/**
 * What is missing for an unexplained failure, each with what to change, so
 * that the verdict names the hole in the evidence instead of guessing.
 */
export function unexplainedGaps(context: UnexplainedContext): string[] {
  const gaps: string[] = [];
  const { user, jti, failure } = context;

  if (!context.userHasHistory) {
    gaps.push(
      `no revocation, deactivation or rotation of ${user} in the data: ` +
        'include the logs of the requests before the failure',
    );
  }
  if (!context.jtiSeenElsewhere) {
    gaps.push(`JTI ${jti} appears in no rotation or revocation in the data`);
  }

  const lookbackMs = context.lookbackHours * 3_600_000;
  if (failure.time !== null && context.firstTime !== null) {
    const span = failure.time - context.firstTime;
    if (span < lookbackMs) {
      const hours = (span / 3_600_000).toFixed(1);
      gaps.push(
        `the data begin ${hours} h before the failure, less than the ` +
          `${context.lookbackHours} h lookback: an older revocation or rotation is not in them`,
      );
    }
  }

  if (failure.signal.record.origin.breadcrumbsCapped) {
    gaps.push(
      "the failing event's breadcrumbs were at the Sentry SDK's cap of 100: " +
        'older lines of that request were dropped (max_breadcrumbs)',
    );
  }
  if (context.sawSentry && !context.sawRevocationLines) {
    gaps.push(
      'no [REVOKE_ALL_SESSIONS] or [SESSION_DEACTIVATED] line reached Sentry: they are ' +
        "logger.warning lines, and sentry-python's LoggingIntegration turns only ERROR " +
        'into events by default; set LoggingIntegration(level=logging.INFO, ' +
        'event_level=logging.WARNING)',
    );
  }
  return gaps;
}
