/** Analysis settings (SPEC §7), already validated. */
export interface AnalysisSettings {
  raceWindowSeconds: number;
  lookbackHours: number;
  /** Substrings of an in-app frame's file or function that mark an expected revocation. */
  expectedTriggers: string[];
  /** Functions of the session machinery: frames from the outermost of these down never count. */
  machineryFunctions: string[];
  /** Prefix of in-app paths, with a trailing slash. */
  appRoot: string;
  /** IANA zone for times written without an offset. */
  timezone: string;
}
