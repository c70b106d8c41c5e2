import { Router } from 'express';

import type { IncidentLinks } from '../src/links/createIncidentLinks';
import {
  escapeHtml,
  htmlPage,
  renderIncidentPage,
} from '../src/links/renderIncidentPage';
import type { IncidentStore } from '../src/store/Store';
import type { ReanalysisScheduler } from './createReanalysisScheduler';

export interface IncidentPageRouteDeps {
  links: IncidentLinks;
  store: Pick<IncidentStore, 'getIncident'>;
  reanalysis: Pick<ReanalysisScheduler, 'idle'>;
}

/**
 * `GET /incidents/:id?sig=…`: the signed, read-only page of one incident,
 * opened from Slack or Sentry without the API token. The signature is
 * checked before the store is read, so a wrong or expired one learns
 * nothing, not even whether the incident exists.
 */
export function incidentPageRoute(deps: IncidentPageRouteDeps): Router {
  const router = Router();

  router.get('/incidents/:id', async (req, res) => {
    // The signature is in the URL: keep it out of other sites' logs and caches.
    res.set({
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    });

    const refusal = deps.links.refusal(req.params.id, req.query.sig);
    if (refusal !== null) {
      const why =
        refusal === 'expired'
          ? 'This link has expired. Ask for a fresh one from logout-lens.'
          : 'This link is not valid.';
      res
        .status(403)
        .type('html')
        .send(htmlPage('Link not valid', `<h1>${escapeHtml(why)}</h1>`));
      return;
    }

    await deps.reanalysis.idle();
    const incident = await deps.store.getIncident(req.params.id);
    if (!incident) {
      res
        .status(404)
        .type('html')
        .send(
          htmlPage('No such incident', '<h1>This incident is no longer stored.</h1>'),
        );
      return;
    }
    res.type('html').send(renderIncidentPage(incident));
  });

  return router;
}
