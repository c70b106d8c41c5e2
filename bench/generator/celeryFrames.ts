import type { Prng } from './Prng';
import type { FrameSpec } from './StackFrame';

const lib = (file: string, line: number, fn: string, code: string): FrameSpec => ({
  kind: 'lib',
  file,
  line,
  fn,
  code,
});

/** A celery prefork worker's process, from `python -m celery` down to the task call. */
const CELERY_OUTER: FrameSpec[] = [
  {
    kind: 'pseudo',
    file: '<frozen runpy>',
    line: 198,
    fn: '_run_module_as_main',
    code: null,
  },
  { kind: 'pseudo', file: '<frozen runpy>', line: 88, fn: '_run_code', code: null },
  lib('celery/__main__.py', 19, '<module>', 'main()'),
  lib('celery/__main__.py', 15, 'main', 'sys.exit(_main())'),
  lib('celery/bin/celery.py', 236, 'main', 'return celery(auto_envvar_prefix="CELERY")'),
  lib('click/core.py', 1157, '__call__', 'return self.main(*args, **kwargs)'),
  lib('click/core.py', 1078, 'main', 'rv = self.invoke(ctx)'),
  lib(
    'click/core.py',
    1688,
    'invoke',
    'return _process_result(sub_ctx.command.invoke(sub_ctx))',
  ),
  lib('click/core.py', 1434, 'invoke', 'return ctx.invoke(self.callback, **ctx.params)'),
  lib('click/core.py', 783, 'invoke', 'return __callback(*args, **kwargs)'),
  lib(
    'click/decorators.py',
    33,
    'new_func',
    'return f(get_current_context(), *args, **kwargs)',
  ),
  lib('celery/bin/base.py', 135, 'caller', 'return f(ctx, *args, **kwargs)'),
  lib('celery/bin/worker.py', 356, 'worker', 'worker.start()'),
  lib('celery/worker/worker.py', 202, 'start', 'self.blueprint.start(self)'),
  lib('celery/bootsteps.py', 116, 'start', 'step.start(parent)'),
  lib('celery/bootsteps.py', 365, 'start', 'return self.obj.start()'),
  lib('celery/concurrency/base.py', 130, 'start', 'self.on_start()'),
  lib(
    'celery/concurrency/prefork.py',
    109,
    'on_start',
    'P = self._pool = Pool(processes=self.limit,',
  ),
  lib(
    'celery/concurrency/asynpool.py',
    463,
    '__init__',
    'super().__init__(processes, *args, **kwargs)',
  ),
  lib('billiard/pool.py', 1046, '__init__', 'self._create_worker_process(i)'),
  lib(
    'celery/concurrency/asynpool.py',
    480,
    '_create_worker_process',
    'return super()._create_worker_process(i)',
  ),
  lib('billiard/pool.py', 1158, '_create_worker_process', 'w.start()'),
  lib('billiard/process.py', 120, 'start', 'self._popen = self._Popen(self)'),
  lib('billiard/context.py', 331, '_Popen', 'return Popen(process_obj)'),
  lib('billiard/popen_fork.py', 22, '__init__', 'self._launch(process_obj)'),
  lib('billiard/popen_fork.py', 77, '_launch', 'code = process_obj._bootstrap()'),
  lib('billiard/process.py', 323, '_bootstrap', 'self.run()'),
  lib('billiard/process.py', 110, 'run', 'self._target(*self._args, **self._kwargs)'),
  lib('billiard/pool.py', 292, '__call__', 'sys.exit(self.workloop(pid=pid))'),
  lib(
    'billiard/pool.py',
    362,
    'workloop',
    'result = (True, prepare_result(fun(*args, **kwargs)))',
  ),
  lib(
    'celery/app/trace.py',
    651,
    'fast_trace_task',
    'R, I, T, Rstr = tasks[task].__trace__(',
  ),
  lib('celery/app/trace.py', 453, 'trace_task', 'R = retval = fun(*args, **kwargs)'),
  lib(
    'celery/app/trace.py',
    736,
    '__protected_call__',
    'return self.run(*args, **kwargs)',
  ),
];

/** A prefork worker's stack down to the task's own frame; the outermost frames are often elided. */
export function celeryPrefix(prng: Prng): FrameSpec[] {
  const keep = prng.int(15, 22);
  return CELERY_OUTER.slice(CELERY_OUTER.length - keep);
}
