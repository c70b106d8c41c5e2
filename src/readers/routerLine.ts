import type { ParsedLine } from './ParsedLine';
import { parseRouterMessage } from './parseRouterMessage';

/** A Heroku router line (app text after `heroku[router]: `) as a standalone record. */
export function routerLine(time: number | null, rest: string): ParsedLine {
  const fields = parseRouterMessage(rest);
  const line: ParsedLine = {
    time,
    source: fields.dyno,
    level: fields.level,
    logger: 'heroku.router',
    message: rest,
    starts: true,
    standalone: true,
    kind: 'router',
  };
  if (fields.status !== null) line.httpStatus = fields.status;
  if (fields.path !== null) line.path = fields.path;
  return line;
}
