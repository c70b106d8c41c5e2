import type { IncomingWebhookSendArguments } from '@slack/webhook';

import { maskPersonalData } from '../writeback/maskPersonalData';

/** One Block Kit block, as `@slack/webhook` types it. */
export type KnownBlock = NonNullable<IncomingWebhookSendArguments['blocks']>[number];

// Slack refuses a section over 3000 characters and a message over 50 blocks.
export const MAX_SECTION_CHARS = 3000;
export const MAX_BLOCKS = 50;
// Room for the code fence and a "… n more lines" note.
const SECTION_BUDGET = MAX_SECTION_CHARS - 100;

/** Text for Slack's mrkdwn: masked, with `&`, `<` and `>` escaped as Slack asks. */
export function slackText(text: string): string {
  return maskPersonalData(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A mrkdwn link; the URL is ours (a signed link or a Sentry search), the label is escaped. */
export function slackLink(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${slackText(label)}>`;
}

/** A section of already-escaped mrkdwn, cut by whole lines when over the limit. */
export function section(mrkdwn: string): KnownBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: wholeLines(mrkdwn, SECTION_BUDGET) },
  };
}

/** A code block of lines, kept under the section limit by dropping whole lines from the end. */
export function codeSection(title: string, lines: string[]): KnownBlock {
  const head = `*${title}*\n`;
  const kept: string[] = [];
  let size = head.length + 8;
  for (const line of lines.map(slackText)) {
    const clipped = line.length > 300 ? `${line.slice(0, 299)}…` : line;
    if (size + clipped.length + 1 > SECTION_BUDGET) break;
    kept.push(clipped);
    size += clipped.length + 1;
  }
  const dropped = lines.length - kept.length;
  const more = dropped > 0 ? `\n… ${dropped} more line${dropped === 1 ? '' : 's'}` : '';
  return section(`${head}\`\`\`${kept.join('\n')}\`\`\`${more}`);
}

/** At most 50 blocks: the last ones give way to a note saying how many were left out. */
export function withinBlockLimit(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  return [...kept, section(`… ${blocks.length - kept.length} more parts left out`)];
}

function wholeLines(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const lines = text.split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > budget) break;
    kept.push(line);
    size += line.length + 1;
  }
  // A single line longer than the budget is cut; there is no whole line to keep.
  return kept.length > 0 ? `${kept.join('\n')}\n…` : `${text.slice(0, budget)}…`;
}
