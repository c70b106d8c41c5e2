import { installShutdown } from '../../webhook/installShutdown';
import { startService } from '../../webhook/startService';
import type { CliIo } from './CliIo';

/** `logout-lens serve`: the HTTP service until SIGTERM or SIGINT. */
export async function serveCommand(
  options: { config?: string },
  io: CliIo,
): Promise<void> {
  const env = options.config ? { ...io.env, LOGOUT_LENS_CONFIG: options.config } : io.env;
  const service = await startService({ env, cwd: io.cwd });
  installShutdown(service);
}
