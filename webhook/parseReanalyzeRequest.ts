import { z } from 'zod';

/** What `POST /api/reanalyze` may ask for as JSON. */
export type ReanalyzeRequest =
  | { kind: 'issue'; issueIds: string[] }
  | { kind: 'range'; since: string; until: string; query: string | undefined };

const idSetting = z.union([z.string().min(1), z.number()], {
  error: 'must be an issue id (a string or a number)',
});
const isoTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 time, such as 2026-01-03T10:00:00Z',
});
const requestSchema = z.strictObject({
  issue_id: idSetting.optional(),
  issue_ids: z
    .array(idSetting, { error: 'must be an array of issue ids' })
    .min(1, { error: 'must hold at least one issue id' })
    .max(1000, { error: 'must hold at most 1000 issue ids' })
    .optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  query: z.string().min(1, { error: 'must not be empty' }).optional(),
});

/**
 * Reads the JSON body of a re-analysis request.
 *
 * @returns the request, or an error message naming the field that is wrong,
 *   missing, or not known.
 */
export function parseReanalyzeRequest(
  body: unknown,
): { request: ReanalyzeRequest } | { error: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: 'body must be a JSON object' };
  }
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      return {
        error: `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}: use issue_id, issue_ids, or since and until (with query)`,
      };
    }
    return {
      error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    };
  }

  const { issue_id, issue_ids, since, until, query } = parsed.data;
  const modes = [issue_id !== undefined, issue_ids !== undefined, !!(since ?? until)];
  const given = modes.filter(Boolean).length;
  if (given === 0) {
    return {
      error:
        query === undefined
          ? 'one of issue_id, issue_ids, since/until or a text/plain upload is required'
          : 'query needs since and until',
    };
  }
  if (given > 1) return { error: 'give only one of issue_id, issue_ids or since/until' };

  if (issue_id !== undefined)
    return { request: { kind: 'issue', issueIds: [String(issue_id)] } };
  if (issue_ids !== undefined) {
    return { request: { kind: 'issue', issueIds: [...new Set(issue_ids.map(String))] } };
  }
  if (since === undefined) return { error: 'since is required with until' };
  if (until === undefined) return { error: 'until is required with since' };
  if (Date.parse(since) > Date.parse(until))
    return { error: 'since must not be after until' };
  return { request: { kind: 'range', since, until, query } };
}
