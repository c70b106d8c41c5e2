import type { Logger } from '../src/logging/createLogger';

export interface InstallShutdownOptions {
  /** Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /** Where signals come from; tests hand in an EventEmitter. Default `process`. */
  source?: Pick<NodeJS.EventEmitter, 'once' | 'off'>;
}

/**
 * Wires signals to a graceful stop: on the first SIGTERM (or SIGINT) the
 * service stops accepting, finishes requests in flight, flushes the pending
 * analysis and closes the store. A second signal gets the default behaviour
 * (the process ends at once). Returns a function that unwires.
 *
 * @example
 *   const service = await startService({ env: process.env, cwd: process.cwd(), logger });
 *   installShutdown(service); // logs on the service's own logger
 */
export function installShutdown(
  service: { close(): Promise<void>; logger?: Logger },
  logger?: Logger,
  options: InstallShutdownOptions = {},
): () => void {
  const base = logger ?? service.logger;
  const log = base ? base.child({ part: 'shutdown' }) : null;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const source = options.source ?? process;

  const onSignal = (signal: NodeJS.Signals) => {
    uninstall();
    log?.info({ signal }, 'signal received; stopping');
    service.close().catch((error: unknown) => {
      log?.error({ err: error }, 'stop failed');
      process.exitCode = 1;
    });
  };

  function uninstall() {
    for (const signal of signals) source.off(signal, onSignal);
  }

  for (const signal of signals) source.once(signal, onSignal);
  return uninstall;
}
