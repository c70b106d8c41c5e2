import type { Incident } from '../../src/model/Incident';
import { reconcileIncidents } from '../../webhook/reconcileIncidents';
import { incident as storedIncident } from '../helpers/incident';

/** Stored as the analysis left it: not superseded, titled after its id. */
function incident(id: string, extra: Partial<Incident> = {}): Incident {
  return storedIncident(id, null, { title: id, superseded_by: null, ...extra });
}

describe('reconcileIncidents', () => {
  it('writes new and changed incidents and skips unchanged ones', () => {
    const same = incident('same');
    const changed = incident('changed', { status: 'suspected' });

    const result = reconcileIncidents(
      [same, changed],
      [same, { ...changed, status: 'confirmed' }, incident('new')],
    );

    expect(result.upserts.map((i) => i.id)).toEqual(['changed', 'new']);
    expect(result.removals).toEqual([]);
  });

  it('marks an incident whose failure moved to another incident of the user as superseded', () => {
    const unexplained = incident('u', {
      failed_jtis: ['f8d45cb940a230e6201a95cc5762e357'],
    });
    const revocation = incident('r', {
      cause: 'backend_revocation',
      failed_jtis: ['f8d45cb940a230e6201a95cc5762e357'],
    });

    const result = reconcileIncidents([unexplained], [revocation]);

    expect(result.upserts).toEqual([revocation, { ...unexplained, superseded_by: 'r' }]);
    expect(result.removals).toEqual([]);
  });

  it('matches an abbreviated JTI by prefix', () => {
    const old = incident('u', { failed_jtis: ['f8d45cb9...'] });
    const holder = incident('r', { failed_jtis: ['f8d45cb940a230e6201a95cc5762e357'] });

    expect(reconcileIncidents([old], [holder]).upserts[1]?.superseded_by).toBe('r');
  });

  it('drops an incident no current incident of the same user explains', () => {
    const old = incident('u', { failed_jtis: ['jti-1-aaaaaa'] });
    const otherUser = incident('r', {
      user: '+573000000002',
      failed_jtis: ['jti-1-aaaaaa'],
    });

    expect(reconcileIncidents([old], [otherUser]).removals).toEqual(['u']);
  });

  it('leaves an already superseded incident alone, and revives one the analysis produces again', () => {
    const superseded = incident('u', {
      failed_jtis: ['jti-1-aaaaaa'],
      superseded_by: 'r',
    });
    const holder = incident('r', { failed_jtis: ['jti-1-aaaaaa'] });

    expect(reconcileIncidents([superseded, holder], [holder])).toEqual({
      upserts: [],
      removals: [],
    });
    expect(reconcileIncidents([superseded], [incident('u')]).upserts).toEqual([
      incident('u'),
    ]);
  });
});
