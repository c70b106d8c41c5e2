import { CODE_PATHS } from '../codePaths';
import type { Prng } from '../Prng';
import type { StoryWorld } from '../StoryWorld';
import type { DoubleRotationVariant } from './doubleRotationStory';
import { doubleRotationStory, pickDoubleRotationVariant } from './doubleRotationStory';
import type { RevocationRates, RevocationVariant } from './revocationVariant';
import { pickRevocationVariant } from './revocationVariant';
import { revocationStory } from './revocationStory';
import type { RotationRaceVariant } from './rotationRaceStory';
import { pickRotationRaceVariant, rotationRaceStory } from './rotationRaceStory';
import type { StaleTokenVariant } from './staleTokenStory';
import { pickStaleTokenVariant, staleTokenStory } from './staleTokenStory';
import type { StoryOutput, ToldStory } from './StoryOutput';
import type { TwoIncidentsVariant } from './twoIncidentsStory';
import { pickTwoIncidentsVariant, twoIncidentsStory } from './twoIncidentsStory';
import type { UnexplainedVariant } from './unexplainedStory';
import { pickUnexplainedVariant, unexplainedStory } from './unexplainedStory';
import type { UserlessRefusalVariant } from './userlessRefusalStory';
import { pickUserlessRefusalVariant, userlessRefusalStory } from './userlessRefusalStory';

/** The variant type of each story kind. */
export interface StoryVariants {
  backend_revocation: RevocationVariant;
  expected_revocation: RevocationVariant;
  zero_revocation: RevocationVariant;
  rotation_race: RotationRaceVariant;
  double_rotation: DoubleRotationVariant;
  stale_token: StaleTokenVariant;
  unexplained: UnexplainedVariant;
  userless_refusal: UserlessRefusalVariant;
  two_incidents: TwoIncidentsVariant;
}

export type StoryKind = keyof StoryVariants;

/** One story to put in a stream: its kind, any fixed parts of its variant, and when it starts. */
export type StorySpec = {
  [K in StoryKind]: { kind: K; variant?: Partial<StoryVariants[K]>; atMinute?: number };
}[StoryKind];

export const DEFAULT_KIND_WEIGHTS: Record<StoryKind, number> = {
  backend_revocation: 30,
  expected_revocation: 6,
  zero_revocation: 3,
  rotation_race: 10,
  double_rotation: 5,
  stale_token: 8,
  unexplained: 6,
  userless_refusal: 6,
  two_incidents: 3,
};

/** The variant a spec leaves open, drawn at random. */
export function pickVariant(
  prng: Prng,
  spec: StorySpec,
  rates: RevocationRates,
): StoryVariants[StoryKind] {
  switch (spec.kind) {
    case 'backend_revocation':
      return pickRevocationVariant(prng, 'backend_revocation', rates, spec.variant);
    case 'expected_revocation':
      return pickRevocationVariant(prng, 'expected_revocation', rates, spec.variant);
    case 'zero_revocation':
      return pickRevocationVariant(prng, 'backend_revocation', rates, {
        path: prng.pick(CODE_PATHS.filter((p) => p.callers.revoke_all_sessions)).group,
        machinery: 'revoke_all_sessions',
        ...spec.variant,
        sessions: 0,
      });
    case 'rotation_race':
      return pickRotationRaceVariant(prng, spec.variant);
    case 'double_rotation':
      return pickDoubleRotationVariant(prng, spec.variant);
    case 'stale_token':
      return pickStaleTokenVariant(prng, spec.variant);
    case 'unexplained':
      return pickUnexplainedVariant(prng, spec.variant);
    case 'userless_refusal':
      return pickUserlessRefusalVariant(prng, spec.variant);
    case 'two_incidents':
      return pickTwoIncidentsVariant(prng, rates, spec.variant);
  }
}

/** Runs the story of `spec` from `t0` (epoch µs): no record of it is earlier than `t0` minus 5 s. */
export function runStory(
  w: StoryWorld,
  spec: StorySpec,
  t0: number,
  rates: RevocationRates,
): ToldStory {
  const variant = pickVariant(w.prng, spec, rates);
  return { ...tell(w, spec, t0, variant), variant };
}

function tell(
  w: StoryWorld,
  spec: StorySpec,
  t0: number,
  variant: StoryVariants[StoryKind],
): StoryOutput {
  switch (spec.kind) {
    case 'backend_revocation':
    case 'expected_revocation':
    case 'zero_revocation':
      return revocationStory(w, t0, variant as RevocationVariant);
    case 'rotation_race':
      return rotationRaceStory(w, t0, variant as RotationRaceVariant);
    case 'double_rotation':
      return doubleRotationStory(w, t0, variant as DoubleRotationVariant);
    case 'stale_token':
      return staleTokenStory(w, t0, variant as StaleTokenVariant);
    case 'unexplained':
      return unexplainedStory(w, t0, variant as UnexplainedVariant);
    case 'userless_refusal':
      return userlessRefusalStory(w, t0, variant as UserlessRefusalVariant);
    case 'two_incidents':
      return twoIncidentsStory(w, t0, variant as TwoIncidentsVariant);
  }
}
