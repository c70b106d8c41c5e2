import { parseStack } from '../../src/signals/parseStack';
import { herokuMessageAt } from './support/records';

const settings = { appRoot: '/app/' };
const functions = (text: string | string[], hints = {}) =>
  parseStack(text, settings, hints)?.frames.map((frame) => frame.function);

// The heroku.log revoke-all at line 34, cut by a shipper after its fifth frame:
// only gunicorn, django and DRF frames survive, the app frames are gone.
const CUT_TO_FRAMEWORK = herokuMessageAt('heroku-admin-vip.log', 34)
  .split('\n')
  .slice(0, 11)
  .join('\n');

describe('parseStack order', () => {
  test('reads an outermost-first stack (heroku.log line 34) and keeps its order', () => {
    const stack = parseStack(herokuMessageAt('heroku-admin-vip.log', 34), settings);
    expect(stack?.writtenOrder).toBe('outermost-first');
    expect(stack?.frames.map((f) => f.function)).toEqual([
      'handle',
      '_get_response',
      '_view_wrapper',
      'view',
      'dispatch',
      'admin_create_for_client',
      'grant_vip',
      'save',
      'save_base',
      'send',
      'audit_role_change',
    ]);
  });

  test('reads an innermost-first stack (the guide) and reverses it to outermost-first', () => {
    const stack = parseStack(
      [
        'Llamado desde:',
        '  File "/app/users/views/utils.py", line 95, in revoke_all_sessions',
        '    ).update(is_active=False, updated_at=timezone.now())',
        '  File "/app/users/views/password.py", line 130, in post',
        '    revoke_all_sessions(user)',
      ],
      settings,
    );
    expect(stack?.writtenOrder).toBe('innermost-first');
    expect(stack?.frames.map((f) => f.function)).toEqual(['post', 'revoke_all_sessions']);
  });

  test('falls back to outermost-first when no code line names a neighbouring frame', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "/app/a.py", line 1, in first',
        '  File "/app/b.py", line 2, in second',
      ],
      settings,
    );
    expect(stack?.writtenOrder).toBe('outermost-first');
    expect(stack?.frames.map((f) => f.function)).toEqual(['first', 'second']);
  });

  test('takes a stack without code lines whose last frame is gunicorn as innermost-first', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "/app/users/signals.py", line 61, in audit_role_change',
        '  File "/app/spa/views/packages.py", line 57, in post',
        '  File "/usr/local/lib/python3.12/site-packages/gunicorn/workers/sync.py", line 135, in handle',
      ],
      settings,
    );
    expect(stack?.writtenOrder).toBe('innermost-first');
    expect(stack?.frames[0]?.function).toBe('handle');
  });
});

describe('parseStack truncation', () => {
  test('marks a revocation stack that lost every in-app frame as truncated', () => {
    const stack = parseStack(CUT_TO_FRAMEWORK, settings, { expectInApp: true });
    expect(stack?.frames).toHaveLength(5);
    expect(stack?.frames.some((f) => f.inApp)).toBe(false);
    expect(stack?.truncated).toBe(true);
  });

  test('does not mark a framework-only stack truncated when no in-app frame is expected', () => {
    expect(parseStack(CUT_TO_FRAMEWORK, settings)?.truncated).toBe(false);
  });

  test('keeps a whole sample stack untruncated', () => {
    const stack = parseStack(herokuMessageAt('heroku-admin-vip.log', 57), settings, {
      expectInApp: true,
    });
    expect(stack?.truncated).toBe(false);
  });

  test('keeps what a cut frame line holds, not as an in-app frame, and marks the stack truncated', () => {
    const stack = parseStack(
      [
        'Llamado desde:',
        '  File "/app/spa/views/packages.py", line 57, in post',
        "    user.save(update_fields=['vip_auto_renew', 'updated_at'])",
        '  File "/app/users/signals.py", line 6',
      ],
      settings,
    );
    expect(stack?.truncated).toBe(true);
    expect(stack?.frames.at(-1)).toMatchObject({
      file: '/app/users/signals.py',
      line: 6,
      function: '<unknown>',
      inApp: false,
    });
  });

  test('keeps a frame whose path was cut mid-way and marks the stack truncated', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "/app/spa/views/packages.py", line 57, in post',
        '  File "/app/users/sig',
      ],
      settings,
    );
    expect(stack?.truncated).toBe(true);
    expect(stack?.frames.at(-1)).toMatchObject({ absPath: '/app/users/sig', line: null });
  });

  test('marks a stack ending in "..." as truncated', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "/app/spa/views/packages.py", line 57, in post',
        '    user.sa...',
      ],
      settings,
    );
    expect(stack?.truncated).toBe(true);
    expect(stack?.frames[0]?.code).toBe('user.sa...');
  });

  test('marks a stack holding [Filtered] as truncated', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "/app/spa/views/packages.py", line 57, in post',
        '[Filtered]',
      ],
      settings,
    );
    expect(stack?.truncated).toBe(true);
  });

  test('marks a message exactly 1024 characters long as truncated', () => {
    const frame = '  File "/app/spa/views/packages.py", line 57, in post\n    x()\n';
    let text = 'Called from:\n';
    while (text.length + frame.length <= 1024) text += frame;
    text = text.padEnd(1024, 'y');
    expect(text).toHaveLength(1024);
    expect(parseStack(text, settings)?.truncated).toBe(true);
  });

  test('marks a marker followed by no frame as truncated with no frames', () => {
    expect(
      parseStack('[REVOKE_ALL_SESSIONS] Revocando ... Llamado desde:', settings),
    ).toEqual({
      frames: [],
      truncated: true,
      writtenOrder: 'outermost-first',
    });
  });

  test('skips a "..." line between frames without marking the stack truncated', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "/app/spa/views/packages.py", line 57, in post',
        '    user.save()',
        '  ...',
        '  File "/app/users/signals.py", line 61, in audit_role_change',
        '    revoke_all_sessions(instance)',
      ],
      settings,
    );
    expect(stack?.truncated).toBe(false);
    expect(stack?.frames).toHaveLength(2);
  });
});

describe('parseStack lines', () => {
  test('returns null for text with neither a stack marker nor a frame', () => {
    expect(parseStack('[USER_SAVE] Usuario +57301... modificado.', settings)).toBeNull();
  });

  test('stops at the exception line after a Traceback and attaches code lines', () => {
    const stack = parseStack(
      [
        'Internal Server Error: /api/v1/spa/services/',
        'Traceback (most recent call last):',
        '  File "/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py", line 55, in inner',
        '    response = get_response(request)',
        '  File "/app/spa/views/services.py", line 33, in list',
        '    return Response(self.serialize(qs))',
        "KeyError: 'price'",
      ],
      settings,
    );
    expect(stack?.frames.map((f) => [f.file, f.function, f.code])).toEqual([
      [
        '/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py',
        'inner',
        'response = get_response(request)',
      ],
      ['spa/views/services.py', 'list', 'return Response(self.serialize(qs))'],
    ]);
    expect(stack?.truncated).toBe(false);
  });

  test('reads a frame without a line number as line null', () => {
    const stack = parseStack(
      ['Called from:', '  File "/app/jobs/run.py", in main'],
      settings,
    );
    expect(stack?.frames[0]).toMatchObject({
      file: 'jobs/run.py',
      function: 'main',
      line: null,
    });
  });

  test('reads CRLF line ends', () => {
    const stack = parseStack(
      'Called from:\r\n  File "/app/a.py", line 1, in post\r\n    revoke_all_sessions(user)\r\n',
      settings,
    );
    expect(stack?.frames[0]).toMatchObject({
      function: 'post',
      code: 'revoke_all_sessions(user)',
    });
  });

  test('reads code lines that lost their indentation together with their frame lines', () => {
    expect(
      functions([
        'Called from:',
        'File "/app/spa/views/packages.py", line 57, in post',
        'user.save()',
        'File "/usr/local/lib/python3.12/site-packages/django/db/models/base.py", line 892, in save',
        'self.save_base(',
      ]),
    ).toEqual(['post', 'save']);
  });

  test('classifies <frozen ...> frames as not in-app and keeps their path', () => {
    const stack = parseStack(
      [
        'Called from:',
        '  File "<frozen importlib._bootstrap>", line 1360, in _find_and_load',
      ],
      settings,
    );
    expect(stack?.frames[0]).toMatchObject({
      file: '<frozen importlib._bootstrap>',
      inApp: false,
    });
  });

  test('makes in-app file paths relative to a custom app root', () => {
    const stack = parseStack(
      ['Called from:', '  File "/srv/app/users/views/password.py", line 130, in post'],
      { appRoot: '/srv/app' },
    );
    expect(stack?.frames[0]).toMatchObject({
      file: 'users/views/password.py',
      inApp: true,
    });
  });
});
