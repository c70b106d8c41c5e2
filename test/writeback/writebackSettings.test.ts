import { parseServiceConfig } from '../../src/config/serviceConfig';
import { createLogger } from '../../src/logging/createLogger';
import { startService } from '../../webhook/startService';
import {
  databasePathIn,
  LogLines,
  makeTempDir,
  removeTempDirs,
} from '../webhook/serviceHarness';

afterAll(removeTempDirs);

async function startWith(env: NodeJS.ProcessEnv) {
  const dir = makeTempDir();
  const logs = new LogLines();
  const service = await startService({
    env: { PORT: '0', DATABASE_URL: `sqlite:${databasePathIn(dir)}`, ...env },
    cwd: dir,
    logger: createLogger({ level: 'info', destination: logs }),
  });
  await service.close();
  return logs.find((line) => line.level === 40).map((line) => String(line.msg));
}

describe('write-back settings at start', () => {
  it('warns naming SENTRY_ORG when only SENTRY_AUTH_TOKEN is set', async () => {
    const warnings = await startWith({ SENTRY_AUTH_TOKEN: 'token' });
    expect(warnings).toContainEqual(
      expect.stringMatching(/^SENTRY_AUTH_TOKEN is set but SENTRY_ORG is not/),
    );
  });

  it('warns naming SENTRY_AUTH_TOKEN when only SENTRY_ORG is set', async () => {
    const warnings = await startWith({ SENTRY_ORG: 'acme' });
    expect(warnings).toContainEqual(
      expect.stringMatching(/^SENTRY_ORG is set but SENTRY_AUTH_TOKEN is not/),
    );
  });

  it('says nothing about them when both or neither are set', async () => {
    const both = await startWith({ SENTRY_AUTH_TOKEN: 'token', SENTRY_ORG: 'acme' });
    const neither = await startWith({});
    for (const warnings of [both, neither]) {
      expect(
        warnings.filter((line) => /SENTRY_ORG|SENTRY_AUTH_TOKEN/.test(line)),
      ).toEqual([]);
    }
  });

  it('refuses LINK_TTL=0 naming it', () => {
    expect(() => parseServiceConfig({ LINK_TTL: '0' })).toThrow(
      /^LINK_TTL: must be longer than 0/,
    );
    expect(() => parseServiceConfig({ LINK_TTL: '0s' })).toThrow(/LINK_TTL/);
  });

  it('takes PUBLIC_URL from the parsed setting: a trailing slash is dropped, blank means unset', () => {
    expect(
      parseServiceConfig({ PUBLIC_URL: 'https://lens.example.com/' }).writeback,
    ).toMatchObject({ publicUrl: 'https://lens.example.com', publicUrlSet: true });
    expect(parseServiceConfig({ PUBLIC_URL: ' ', PORT: '9000' }).writeback).toMatchObject(
      { publicUrl: 'http://localhost:9000', publicUrlSet: false },
    );
  });
});
