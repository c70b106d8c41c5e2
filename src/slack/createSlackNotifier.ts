import {
  IncomingWebhook,
  IncomingWebhookHTTPError,
  type IncomingWebhookSendArguments,
} from '@slack/webhook';

import type { Logger } from '../logging/createLogger';
import { httpOutcome, networkOutcome } from '../writeback/httpOutcome';
import type { SendOutcome } from '../writeback/Writeback';
import { maskSlackMessage } from './maskSlackMessage';

export interface SlackNotifier {
  send(message: IncomingWebhookSendArguments): Promise<SendOutcome>;
}

export interface SlackNotifierOptions {
  webhookUrl: string;
  fetch: typeof fetch;
  logger: Logger;
  now: () => Date;
}

/**
 * Posts Block Kit messages to an incoming webhook with `@slack/webhook`, one
 * try each: the outbox owns retries. Every string is masked on the way out,
 * whoever built the message. The library's error drops the headers, so the
 * fetch it is given keeps the last answer's `Retry-After`.
 */
export function createSlackNotifier(options: SlackNotifierOptions): SlackNotifier {
  const log = options.logger.child({ part: 'slack' });
  let lastHeaders: Headers = new Headers();

  const webhook = new IncomingWebhook(options.webhookUrl, {
    timeout: 15_000,
    retryConfig: { retries: 0 },
    fetch: async (url, init) => {
      const response = await options.fetch(url, init);
      lastHeaders = response.headers;
      return response;
    },
  });

  return {
    async send(message) {
      lastHeaders = new Headers();
      try {
        const answer = await webhook.send(maskSlackMessage(message));
        log.debug({ answer: answer.text }, 'slack message posted');
        return { kind: 'delivered', status: 200 };
      } catch (error) {
        if (error instanceof IncomingWebhookHTTPError) {
          return httpOutcome(
            error.statusCode,
            lastHeaders,
            error.body,
            options.now().getTime(),
          );
        }
        return networkOutcome(error);
      }
    },
  };
}
