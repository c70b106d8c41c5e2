import { Router } from 'express';

import type { IncidentLinks } from '../src/links/createIncidentLinks';
import type { IncidentStore, WritebackStore } from '../src/store/Store';
import type { ReanalysisScheduler } from './createReanalysisScheduler';
import { encodeIncidentCursor } from './incidentCursor';
import { parseIncidentQuery } from './parseIncidentQuery';
import { requireBearerToken } from './requireBearerToken';

export interface IncidentRoutesDeps {
  apiToken: string | null;
  store: IncidentStore & Pick<WritebackStore, 'listWritebacks'>;
  reanalysis: Pick<ReanalysisScheduler, 'idle'>;
  /** When given, one incident comes with a fresh signed `link` to its page. */
  links?: Pick<IncidentLinks, 'urlFor'>;
}

/** `GET /api/incidents` and `GET /api/incidents/:id`, behind the bearer token. */
export function incidentRoutes(deps: IncidentRoutesDeps): Router {
  const router = Router();
  router.use('/api', requireBearerToken(deps.apiToken));

  router.get('/api/incidents', async (req, res) => {
    const parsed = parseIncidentQuery(req.query as Record<string, unknown>);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.error });
      return;
    }

    // A client sees the effect of every delivery it already got an answer for.
    await deps.reanalysis.idle();
    const page = await deps.store.listIncidents(parsed.query);
    res.json({
      incidents: page.incidents,
      next: page.next === null ? null : encodeIncidentCursor(page.next),
    });
  });

  router.get('/api/incidents/:id', async (req, res) => {
    await deps.reanalysis.idle();
    const incident = await deps.store.getIncident(req.params.id);
    if (!incident) {
      res.status(404).json({ error: `no incident ${req.params.id}` });
      return;
    }
    // What was sent where about it, without the frozen payloads.
    const writebacks = (await deps.store.listWritebacks(incident.id)).map(
      ({ payload: _payload, ...writeback }) => writeback,
    );
    // Links in Slack and Sentry expire (LINK_TTL); an API user can get a fresh one here.
    const link = deps.links ? { link: deps.links.urlFor(incident.id) } : {};
    res.json({ ...incident, ...link, writebacks });
  });

  return router;
}
