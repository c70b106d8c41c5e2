import type { CliIo } from './CliIo';

/** `logout-lens serve`: the HTTP service until SIGTERM or SIGINT. */
export async function serveCommand(
  options: { config?: string },
  io: CliIo,
): Promise<void> {
  // The service (Express, the Sentry SDK, SQLite) is loaded only here, so
  // that `analyze` does not pay its half second of start-up.
  const { startService } = await import('../../webhook/startService.js');
  const { installShutdown } = await import('../../webhook/installShutdown.js');

  const env = options.config ? { ...io.env, LOGOUT_LENS_CONFIG: options.config } : io.env;
  const service = await startService({ env, cwd: io.cwd });
  installShutdown(service);
}
