import type { ErrorRequestHandler, RequestHandler } from 'express';

/** Unknown routes: a JSON 404 like every other error. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no route ${req.method} ${req.path}` });
};

/**
 * Last error handler: a client error keeps its status and message; anything
 * else is a 500 whose details stay in the log, never in the answer.
 */
export const errorResponse: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }

  const { status, expose, message } = error as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const text = expose === true && typeof message === 'string' ? message : 'bad request';
    res.status(status).json({ error: text });
    return;
  }

  req.log.error({ err: error }, 'request failed');
  res.status(500).json({ error: 'internal error; the service log has the details' });
};
