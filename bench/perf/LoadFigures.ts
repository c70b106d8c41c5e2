/** What one load run against one endpoint gave; latencies in milliseconds. */
export interface LoadFigures {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Length of the sending window. */
  seconds: number;
  /** Answered with a 2xx, per second of the run. */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Paced runs only: how far behind its schedule the sender itself ever was. */
  lateMs?: number;
  /** Paced runs only: from the end of the sending window to the last answer. */
  drainMs?: number;
}
