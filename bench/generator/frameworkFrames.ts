import type { FrameSpec } from './StackFrame';

const lib = (file: string, line: number, fn: string, code: string): FrameSpec => ({
  kind: 'lib',
  file,
  line,
  fn,
  code,
});

/** How the web dynos run: sync workers start from gunicorn's main, gthread ones from a thread. */
export type WorkerClass = 'sync' | 'gthread';

const SYNC_OUTER: FrameSpec[] = [
  { kind: 'bin', file: 'gunicorn', line: 8, fn: '<module>', code: 'sys.exit(run())' },
  lib(
    'gunicorn/app/wsgiapp.py',
    66,
    'run',
    'WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]", prog=prog).run()',
  ),
  lib('gunicorn/app/base.py', 235, 'run', 'super().run()'),
  lib('gunicorn/app/base.py', 71, 'run', 'Arbiter(self).run()'),
  lib('gunicorn/arbiter.py', 227, 'run', 'self.manage_workers()'),
  lib('gunicorn/arbiter.py', 633, 'manage_workers', 'self.spawn_workers()'),
  lib('gunicorn/arbiter.py', 704, 'spawn_workers', 'self.spawn_worker()'),
  lib('gunicorn/arbiter.py', 671, 'spawn_worker', 'worker.init_process()'),
  lib('gunicorn/workers/base.py', 142, 'init_process', 'self.run()'),
  lib('gunicorn/workers/sync.py', 126, 'run', 'self.run_for_one(timeout)'),
  lib('gunicorn/workers/sync.py', 70, 'run_for_one', 'self.accept(listener)'),
  lib('gunicorn/workers/sync.py', 32, 'accept', 'self.handle(listener, client, addr)'),
  lib(
    'gunicorn/workers/sync.py',
    135,
    'handle',
    'self.handle_request(listener, req, client, addr)',
  ),
  lib(
    'gunicorn/workers/sync.py',
    178,
    'handle_request',
    'respiter = self.wsgi(environ, resp.start_response)',
  ),
];

const GTHREAD_OUTER: FrameSpec[] = [
  {
    kind: 'stdlib',
    file: 'threading.py',
    line: 1032,
    fn: '_bootstrap',
    code: 'self._bootstrap_inner()',
  },
  {
    kind: 'stdlib',
    file: 'threading.py',
    line: 1075,
    fn: '_bootstrap_inner',
    code: 'self.run()',
  },
  {
    kind: 'stdlib',
    file: 'threading.py',
    line: 1012,
    fn: 'run',
    code: 'self._target(*self._args, **self._kwargs)',
  },
  {
    kind: 'stdlib',
    file: 'concurrent/futures/thread.py',
    line: 93,
    fn: '_worker',
    code: 'work_item.run()',
  },
  {
    kind: 'stdlib',
    file: 'concurrent/futures/thread.py',
    line: 59,
    fn: 'run',
    code: 'result = self.fn(*self.args, **self.kwargs)',
  },
  lib(
    'gunicorn/workers/gthread.py',
    282,
    'handle',
    'keepalive = self.handle_request(req, conn)',
  ),
  lib(
    'gunicorn/workers/gthread.py',
    334,
    'handle_request',
    'respiter = self.wsgi(environ, resp.start_response)',
  ),
];

const WSGI: FrameSpec[] = [
  lib(
    'django/core/handlers/wsgi.py',
    124,
    '__call__',
    'response = self.get_response(request)',
  ),
  lib(
    'django/core/handlers/base.py',
    140,
    'get_response',
    'response = self._middleware_chain(request)',
  ),
];

const INNER = lib(
  'django/core/handlers/exception.py',
  55,
  'inner',
  'response = get_response(request)',
);
const MIDDLEWARE = lib(
  'django/utils/deprecation.py',
  129,
  '__call__',
  'response = response or self.get_response(request)',
);
const APP_MIDDLEWARE: FrameSpec = {
  kind: 'app',
  file: 'studiozens/middleware.py',
  line: 23,
  fn: '__call__',
  code: 'response = self.get_response(request)',
};

const GET_RESPONSE = lib(
  'django/core/handlers/base.py',
  197,
  '_get_response',
  'response = wrapped_callback(request, *callback_args, **callback_kwargs)',
);
const CSRF = lib(
  'django/views/decorators/csrf.py',
  65,
  '_view_wrapper',
  'return view_func(request, *args, **kwargs)',
);

/** DRF's route into a handler: a ViewSet action or an APIView method. */
export type ViewStyle = 'viewset' | 'apiview';

const VIEW_DISPATCH: Record<ViewStyle, FrameSpec[]> = {
  viewset: [
    lib(
      'rest_framework/viewsets.py',
      125,
      'view',
      'return self.dispatch(request, *args, **kwargs)',
    ),
    lib(
      'rest_framework/views.py',
      512,
      'dispatch',
      'response = handler(request, *args, **kwargs)',
    ),
  ],
  apiview: [
    lib(
      'django/views/generic/base.py',
      104,
      'view',
      'return self.dispatch(request, *args, **kwargs)',
    ),
    lib(
      'rest_framework/views.py',
      512,
      'dispatch',
      'response = handler(request, *args, **kwargs)',
    ),
  ],
};

/** The Django admin's change form down to `save_model` (the app's override is next). */
export const ADMIN_CHANGE_VIEW: FrameSpec[] = [
  lib(
    'django/contrib/admin/options.py',
    716,
    'wrapper',
    'return self.admin_site.admin_view(view)(*args, **kwargs)',
  ),
  lib(
    'django/utils/decorators.py',
    188,
    '_wrapper_view',
    'response = view_func(request, *args, **kwargs)',
  ),
  lib(
    'django/views/decorators/cache.py',
    80,
    '_view_wrapper',
    'response = view_func(request, *args, **kwargs)',
  ),
  lib(
    'django/contrib/admin/sites.py',
    241,
    'inner',
    'return view(request, *args, **kwargs)',
  ),
  lib(
    'django/contrib/admin/options.py',
    1987,
    'change_view',
    'return self.changeform_view(request, object_id, form_url, extra_context)',
  ),
  lib(
    'django/utils/decorators.py',
    48,
    '_wrapper',
    'return bound_method(*args, **kwargs)',
  ),
  lib(
    'django/utils/decorators.py',
    188,
    '_wrapper_view',
    'response = view_func(request, *args, **kwargs)',
  ),
  lib(
    'django/contrib/admin/options.py',
    1840,
    'changeform_view',
    'return self._changeform_view(request, object_id, form_url, extra_context)',
  ),
  lib(
    'django/contrib/admin/options.py',
    1891,
    '_changeform_view',
    'self.save_model(request, new_object, form, not add)',
  ),
];

/** The stack of a web request down to the first frame of the routed view. */
export interface RequestPrefixOptions {
  worker: WorkerClass;
  /** Django middlewares (each adds two frames). */
  middlewares: number;
  /** The app's own middleware sits in the chain (an in-app frame above every view). */
  appMiddleware: boolean;
  /** Drop this many outermost frames (a shorter process stack). */
  skipOuter: number;
}

export function requestPrefix(
  options: RequestPrefixOptions,
  dispatch: FrameSpec[],
): FrameSpec[] {
  const outer = options.worker === 'sync' ? SYNC_OUTER : GTHREAD_OUTER;
  const frames: FrameSpec[] = [
    ...outer.slice(Math.min(options.skipOuter, outer.length - 2)),
    ...WSGI,
  ];
  frames.push(INNER);
  for (let i = 0; i < options.middlewares; i++) {
    frames.push(MIDDLEWARE, INNER);
    if (options.appMiddleware && i === Math.floor(options.middlewares / 2)) {
      frames.push(APP_MIDDLEWARE, INNER);
    }
  }
  if (options.appMiddleware && options.middlewares === 0)
    frames.push(APP_MIDDLEWARE, INNER);
  frames.push(GET_RESPONSE);
  if (dispatch !== ADMIN_CHANGE_VIEW) frames.push(CSRF);
  frames.push(...dispatch);
  return frames;
}

export function viewDispatch(style: ViewStyle): FrameSpec[] {
  return VIEW_DISPATCH[style];
}

/** `Model.save()` down to a `post_save` receiver (the receiver frame is next). */
export const MODEL_SAVE: FrameSpec[] = [
  lib('django/db/models/base.py', 892, 'save', 'self.save_base('),
  lib('django/db/models/base.py', 1012, 'save_base', 'post_save.send('),
  lib(
    'django/dispatch/dispatcher.py',
    189,
    'send',
    'response = receiver(signal=self, sender=sender, **named)',
  ),
];

/** DRF's `partial_update` down to the serializer's `update` (the app's is next). */
export const DRF_PARTIAL_UPDATE: FrameSpec[] = [
  lib(
    'rest_framework/mixins.py',
    82,
    'partial_update',
    'return self.update(request, *args, **kwargs)',
  ),
  lib('rest_framework/mixins.py', 68, 'update', 'self.perform_update(serializer)'),
  lib('rest_framework/mixins.py', 78, 'perform_update', 'serializer.save()'),
  lib(
    'rest_framework/serializers.py',
    205,
    'save',
    'self.instance = self.update(self.instance, validated_data)',
  ),
];
