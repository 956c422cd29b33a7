// Deployments: each endpoint with its traffic policy, the versions it serves and where its rollout stands.

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import * as format from '../format.js';
import {href} from '../router.js';
import {servedBy, trafficShares} from '../widgets/traffic-policy.js';

export function deploymentHref(name) {
  return href(`/deployments/${encodeURIComponent(name)}`);
}

export async function render(container, {signal}) {
  document.title = 'Deployments · Sextant';
  const results = h('div', {'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading deployments…'));
  append(container, h('div', {class: 'page-head'}, h('h1', {}, 'Deployments')), results);
  let body;
  try {
    body = await api.get('/api/v1/deployments', {}, signal);
  } catch (error) {
    if (!signal.aborted) replace(results, alert(error.message));
    return;
  }
  const deployments = body.deployments || [];
  if (deployments.length === 0) {
    replace(results, empty('No deployments yet. Create one with sextant apply -f deployment.yaml or POST /api/v1/deployments.'));
    return;
  }
  replace(results, h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'deployments-table',
    'aria-label': 'Deployments'},
  h('thead', {}, h('tr', {}, ['Name', 'Policy', 'Traffic', 'Rollout', 'Ready', 'Last updated']
    .map(title => h('th', {scope: 'col'}, title)))),
  h('tbody', {}, deployments.map(deployment => h('tr', {},
    h('td', {}, h('a', {href: deploymentHref(deployment.name)}, deployment.name)),
    h('td', {}, deployment.policy.type.replace('_', '/')),
    h('td', {}, trafficShares(deployment).map(share => h('span', {class: 'chip'},
      `${share.slot}: ${servedBy(deployment, share.slot)} · ${share.kind === 'mirror' ? 'mirror ' : ''}`
      + `${share.state ? `${share.state} ` : ''}${Math.round(share.share)} %`))),
    h('td', {}, rollout(deployment)),
    h('td', {}, deployment.ready ? h('span', {class: 'verdict pass'}, 'ready') : h('span', {class: 'verdict fail'}, 'not ready')),
    h('td', {}, format.time(deployment.last_updated_timestamp))))))));
}

function rollout(deployment) {
  const phase = deployment.rollout?.phase || 'STEADY';
  if (deployment.policy.type !== 'canary') return phase.toLowerCase();
  return `${phase.toLowerCase().replace('_', ' ')} · canary ${deployment.rollout.canary_percent} %`;
}
