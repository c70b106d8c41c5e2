import type { IncomingWebhookSendArguments } from '@slack/webhook';

import { maskPersonalData } from '../writeback/maskPersonalData';

// A mrkdwn link `<url|label>`: the URL is ours (a signed page, a Sentry search)
// and must stay clickable; its label is text like any other.
const LINK = /<([^|<>]+)\|([^<>]*)>/g;

/**
 * Masks every string of a Slack payload (each block, each field, the
 * fallback text), link targets excepted. The message builders mask their
 * parts already; this pass runs at the last step before Slack, so a field
 * added later, or a payload stored by an older version, cannot leak.
 */
export function maskSlackMessage(
  message: IncomingWebhookSendArguments,
): IncomingWebhookSendArguments {
  return maskValue(message) as IncomingWebhookSendArguments;
}

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        maskValue(item),
      ]),
    );
  }
  return value;
}

function maskText(text: string): string {
  let masked = '';
  let from = 0;
  for (const link of text.matchAll(LINK)) {
    masked += maskPersonalData(text.slice(from, link.index));
    masked += `<${link[1] ?? ''}|${maskPersonalData(link[2] ?? '')}>`;
    from = link.index + link[0].length;
  }
  return masked + maskPersonalData(text.slice(from));
}
