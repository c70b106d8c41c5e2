/** Inputs analysed together, with skimming and without, whose outputs must match. */
export interface SkimCheckCase {
  name: string;
  /** File name to content; analysed in this order. */
  files: Record<string, string | Buffer>;
  /** `--timezone` for the analysis, when not UTC. */
  timezone?: string;
}
