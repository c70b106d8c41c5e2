import type { LogRecord } from '../../src/model/LogRecord';

/** A record as a reader would produce it, for engine tests. */
export function logRecord(
  at: string | null,
  message: string,
  source: string | null = 'web.1',
): LogRecord {
  return {
    time: at === null ? null : Date.parse(at),
    source,
    logger: null,
    level: null,
    message,
    origin: { kind: 'log' },
  };
}

/** `Llamado desde:` followed by frames written outermost first, as `traceback.format_stack()` does. */
export function stackText(
  frames: [path: string, line: number, fn: string, code: string][],
) {
  return frames
    .map(
      ([path, line, fn, code]) => `  File "${path}", line ${line}, in ${fn}\n    ${code}`,
    )
    .join('\n');
}

export const FRAMEWORK: [string, number, string, string][] = [
  [
    '/usr/local/lib/python3.12/site-packages/gunicorn/workers/sync.py',
    135,
    'handle',
    'self.handle_request(listener, req, client, addr)',
  ],
  [
    '/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py',
    197,
    '_get_response',
    'response = wrapped_callback(request, *callback_args, **callback_kwargs)',
  ],
  [
    '/usr/local/lib/python3.12/site-packages/rest_framework/views.py',
    512,
    'dispatch',
    'response = handler(request, *args, **kwargs)',
  ],
];

export const SAVE_FRAMES: [string, number, string, string][] = [
  [
    '/usr/local/lib/python3.12/site-packages/django/db/models/base.py',
    892,
    'save',
    'self.save_base(',
  ],
  [
    '/usr/local/lib/python3.12/site-packages/django/db/models/base.py',
    1012,
    'save_base',
    'post_save.send(',
  ],
  [
    '/usr/local/lib/python3.12/site-packages/django/dispatch/dispatcher.py',
    189,
    'send',
    'response = receiver(signal=self, sender=sender, **named)',
  ],
];
