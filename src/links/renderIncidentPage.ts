import type { Incident } from '../model/Incident';
import { causeSentence } from '../report/causeSentence';

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f6f6f6;padding:.6rem;overflow:auto}.muted{color:#666}`;

/** A whole HTML document around escaped content. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

/** The read-only page of one incident: cause, trigger, sessions, timeline. Every value escaped. */
export function renderIncidentPage(incident: Incident): string {
  const e = escapeHtml;
  const frames = incident.trigger?.frames ?? [];
  const trigger =
    frames.length === 0
      ? '<p class="muted">No trigger stack (this cause has none, or none was logged).</p>'
      : `<pre>${frames
          .map((f) =>
            e(`${f.file}${f.line === null ? '' : `:${f.line}`} in ${f.function}`),
          )
          .join(
            '\n',
          )}</pre>${incident.trigger?.truncated ? '<p class="muted">The stack was cut short.</p>' : ''}`;

  const facts: [string, string][] = [
    ['User', incident.user],
    ['Cause', `${incident.cause}: ${causeSentence(incident.cause)}`],
    ['Status', incident.status],
    ['Fingerprint', incident.fingerprint],
    ['First seen', incident.first_seen ?? 'unknown'],
    ['Last seen', incident.last_seen ?? 'unknown'],
    [
      'Action in progress',
      incident.action
        ? [incident.action.tag, incident.action.actor, incident.action.detail]
            .filter(Boolean)
            .join(' · ')
        : 'none seen',
    ],
    ...(incident.superseded_by
      ? ([['Superseded by', incident.superseded_by]] as [string, string][])
      : []),
  ];

  const sessions =
    incident.sessions.length === 0
      ? '<p class="muted">No sessions listed.</p>'
      : `<table><tr><th>Session</th><th>JTI</th></tr>${incident.sessions
          .map(
            (s) =>
              `<tr><td><code>${e(s.id ?? '?')}</code></td><td><code>${e(s.jti ?? '?')}</code></td></tr>`,
          )
          .join('')}</table>`;

  const gaps =
    incident.evidence_gaps.length === 0
      ? ''
      : `<h2>Evidence gaps</h2><ul>${incident.evidence_gaps.map((gap) => `<li>${e(gap)}</li>`).join('')}</ul>`;

  const timeline = `<table><tr><th>Time</th><th>Source</th><th>Line</th></tr>${incident.signals
    .map(
      (s) =>
        `<tr><td>${e(s.at ?? '—')}</td><td>${e(s.source ?? '')}</td><td><code>${e(s.message)}</code>${
          s.webUrl && /^https?:\/\//.test(s.webUrl)
            ? ` <a href="${e(s.webUrl)}" rel="noreferrer">event</a>`
            : ''
        }</td></tr>`,
    )
    .join('')}</table>`;

  return htmlPage(
    incident.title,
    `<h1>${e(incident.title)}</h1>
<table>${facts.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>
<h2>Trigger, outermost first</h2>${trigger}
<h2>Sessions</h2>${sessions}${gaps}
<h2>Timeline</h2>${timeline}
<p class="muted">logout-lens incident <code>${e(incident.id)}</code>; read-only.</p>`,
  );
}
