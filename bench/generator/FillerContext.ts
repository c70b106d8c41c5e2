import type { QuietUsers } from './QuietUsers';
import type { StoryWorld } from './StoryWorld';

/** What a filler event draws on: the world and the users with no story. */
export interface FillerContext {
  w: StoryWorld;
  quiet: QuietUsers;
}

export const MS = 1000;
