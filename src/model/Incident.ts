import type { Frame } from './Frame';

export type Cause =
  | 'backend_revocation'
  | 'expected_revocation'
  | 'rotation_race'
  | 'stale_token'
  | 'unexplained';

export type IncidentStatus = 'confirmed' | 'suspected';

/** A trigger frame: `file` relative to the app root, plus what the stack logged beside it. */
export interface TriggerFrame extends Pick<Frame, 'file' | 'function' | 'line' | 'code'> {
  /** The path as logged (`/app/spa/views/packages.py`). */
  abs_path: string;
}

/** A timeline entry: one signal of the incident, in time order. */
export interface IncidentSignal {
  tag: string;
  kind: string;
  /** ISO 8601, or null when the input had no time. */
  at: string | null;
  message: string;
  source: string | null;
  eventId?: string;
  issueId?: string;
  webUrl?: string;
}

/** The SPEC §6 incident shape; the CLI's `--json` and the HTTP API print this. */
export interface Incident {
  id: string;
  user: string;
  cause: Cause;
  status: IncidentStatus;
  fingerprint: string;
  title: string;
  trigger: { frames: TriggerFrame[]; truncated: boolean } | null;
  action: { tag: string; actor: string | null; detail: string | null } | null;
  sessions: { id: string | null; jti: string | null }[];
  first_seen: string | null;
  last_seen: string | null;
  evidence_gaps: string[];
  signals: IncidentSignal[];
  /** The JTIs whose refresh failed and were tied to this incident. */
  failed_jtis: string[];
  superseded_by?: string | null;
}

export interface AnalysisStats {
  records: number;
  signals: number;
  skipped_lines: number;
  userless_refusals: number;
}

export interface AnalysisResult {
  incidents: Incident[];
  stats: AnalysisStats;
}
