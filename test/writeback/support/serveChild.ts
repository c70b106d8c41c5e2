import { createLogger } from '../../../src/logging/createLogger';
import { startService } from '../../../webhook/startService';

// A service process for restart tests: settings from the environment, the
// port on stdout once listening, logs on stderr.
async function main() {
  const logger = createLogger({
    level: process.env.LOG_LEVEL ?? 'warn',
    destination: process.stderr,
  });
  const service = await startService({
    env: process.env,
    cwd: process.cwd(),
    logger,
    analysisDelayMs: 10,
    outboxPollMs: 25,
  });
  process.stdout.write(`listening ${service.port}\n`);
  process.on('SIGTERM', () => {
    service.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
