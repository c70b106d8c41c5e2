import type { SignalBody } from '../model/Signal';

/** A tagged message split for the readers of its tag. */
export interface TaggedMessage {
  /** Everything after the `[TAG]`, every line. */
  body: string;
  /** The first line of `body`, trimmed. */
  head: string;
  /** Prefix of in-app paths, for the stacks some shapes carry. */
  appRoot: string;
}

/** Reads the shapes of one tag; null for a shape it does not know. */
export type TagReader = (message: TaggedMessage) => SignalBody | null;
