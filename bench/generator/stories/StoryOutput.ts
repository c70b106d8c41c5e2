import type { StreamRecord, TruthIncident } from '../StreamRecord';

/** What one story adds to the stream: its records (any order) and the incidents they must yield. */
export interface StoryOutput {
  records: StreamRecord[];
  truth: TruthIncident[];
  /** The users the story is about (a user with no incident is still one of them). */
  users: string[];
}

/** A story's output with the variant it was told with. */
export interface ToldStory extends StoryOutput {
  variant: unknown;
}

export const MS = 1000;
export const SECOND = 1_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
