import { analyzeText, removeTempFiles } from './support/analyze';

afterAll(removeTempFiles);

/**
 * Inputs cut down from generated streams to the few lines that decide a
 * verdict, for the cases the analyzer got wrong while these tests were written.
 */

const STACK_START =
  '2026-01-03T10:00:00.100000+00:00 app[web.2]: WARNING users.views.utils [REVOKE_ALL_SESSIONS] Revocando todas las sesiones para +573001112233. Llamado desde:';
const COMPLETION =
  "2026-01-03T10:00:00.120000+00:00 app[web.2]: WARNING users.views.utils [REVOKE_ALL_SESSIONS] Usuario +573001112233: 1 tokens blacklisted, 1 sesiones invalidadas. Sesiones afectadas: [{'id': UUID('1d140ed8-9cb6-463d-a9bf-ec51f0651621'), 'refresh_token_jti': '328475a738868e9b5a124b1d0fb5d240', 'ip_address': '203.0.113.124', 'created_at': datetime.datetime(2025, 12, 31, 2, 17, 48, tzinfo=datetime.timezone.utc)}]";
const FAILURE =
  '2026-01-03T10:05:00.000000+00:00 app[web.1]: ERROR users.serializers [SESSION_REFRESH_FAILED] Sesión NO encontrada - JTI: 328475a738868e9b5a124b1d0fb5d240, user_id: +573001112233';
const line = (text: string) => `2026-01-03T10:00:00.100000+00:00 app[web.2]: ${text}`;

/** web.2's stack with one line of web.3, stamped `interloperTime`, among its lines. */
function interleavedStack(interloperTime: string): string {
  return [
    STACK_START,
    line(
      '  File "/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py", line 197, in _get_response',
    ),
    line('    response = wrapped_callback(request, *callback_args, **callback_kwargs)'),
    `${interloperTime} app[web.3]: INFO gunicorn.error Booting worker with pid: 583`,
    line(
      '  File "/usr/local/lib/python3.12/site-packages/rest_framework/views.py", line 512, in dispatch',
    ),
    line('    response = handler(request, *args, **kwargs)'),
    line('  File "/app/spa/views/packages.py", line 57, in post'),
    line('    revoke_all_sessions(user)'),
    COMPLETION,
    FAILURE,
    '',
  ].join('\n');
}

describe("a stack with another dyno's line among its lines (SPEC §1 multi-line records)", () => {
  // Sorted by time, the web.3 line would come after the whole web.2 record; SPEC §1 wants
  // records up to 5 minutes out of order to give the same result as sorted input.
  test.each([
    ['0.5 s', '2026-01-03T10:00:00.600000+00:00'],
    ['2.2 s', '2026-01-03T10:00:02.300000+00:00'],
    ['90 s', '2026-01-03T10:01:30.100000+00:00'],
    ['4 min', '2026-01-03T10:04:00.100000+00:00'],
  ])('the line of web.3 %s later leaves the web.2 stack whole', async (_gap, time) => {
    const { incidents } = await analyzeText(interleavedStack(time));

    expect(
      incidents.map((i) => i.trigger?.frames.map((f) => `${f.file}:${f.function}`)),
    ).toEqual([['spa/views/packages.py:post']]);
  });
});

describe('a stack cut mid-line by the SDK (SPEC §3, §5)', () => {
  const cutStack = (lastLine: string) =>
    [
      STACK_START,
      line(
        '  File "/app/.heroku/python/lib/python3.12/site-packages/django/core/handlers/base.py", line 197, in _get_response',
      ),
      line('    response = wrapped_callback(request, *callback_args, **callback_kwargs)'),
      line(lastLine),
      COMPLETION,
      FAILURE,
      '',
    ].join('\n');

  test.each([
    '  File "/app/.heroku/pyth...',
    '  File "/usr/lo...',
    // These two were once read as in-app frames `.h...` and `...` in `<unknown>`.
    '  File "/app/.h...',
    '  File "/app/...',
    '  File "/app/.heroku/python/lib/python3.12/site-pack...',
  ])('ending in %p lost every in-app frame: unknown-trigger', async (lastLine) => {
    const { incidents } = await analyzeText(cutStack(lastLine));

    expect(
      incidents.map((i) => [i.cause, i.fingerprint, i.trigger?.frames ?? []]),
    ).toEqual([['backend_revocation', 'backend_revocation:unknown-trigger', []]]);
  });
});
