/** One version of an incident the Slack feed has to tell about. */
export interface SlackNote {
  incidentId: string;
  version: string;
  fingerprint: string;
  user: string;
  /** Epoch ms when the analysis produced this version. */
  notedAtMs: number;
  /** The incident's id was in an earlier Slack message already (this is a change). */
  announcedBefore?: boolean;
}

/** What the feed already said about one fingerprint. */
export interface SlackFeedState {
  fingerprint: string;
  firstNotedAtMs: number;
  lastMessageAtMs: number | null;
  messages: number;
}
