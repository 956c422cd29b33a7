// One deployment, live: its traffic policy drawn, the canary's progress with rollback and promote
// for those allowed, request rate, errors and latency per version charted from this server's
// counts (polled every two seconds), shadow agreement, the versions served and the rollout's events.

import * as api from '../api.js';
import {agreement, between, seriesLabel} from '../deployment-metrics.js';
import {alert, append, empty, h, replace} from '../dom.js';
import * as format from '../format.js';
import {href} from '../router.js';
import {caller} from '../session.js';
import {color} from '../widgets/line-chart.js';
import {canaryProgress, rolloutActions, rolloutState} from '../widgets/rollout.js';
import {timeChart} from '../widgets/time-chart.js';
import {SIDE_COLORS, trafficPolicy, trafficShares} from '../widgets/traffic-policy.js';

const POLL_MS = 2000;
const KEPT_READINGS = 90;

export async function render(container, {params, signal}) {
  const name = params.name;
  document.title = `${name} · Sextant`;
  const path = `/api/v1/deployments/${encodeURIComponent(name)}`;
  let deployment;
  let me;
  try {
    [deployment, me] = await Promise.all([api.get(path, {}, signal), caller()]);
  } catch (error) {
    if (!signal.aborted) append(container, alert(error.message));
    return undefined;
  }
  const colors = new Map();
  const colorOf = label => {
    if (!colors.has(label)) {
      const used = new Set(colors.values());
      let i = colors.size;
      while (used.has(color(i)) && i < colors.size + 10) i++;
      colors.set(label, color(i));
    }
    return colors.get(label);
  };
  const slotLabel = (current, slot) => seriesLabel({slot, version: current.versions?.[slot]?.uri || ''});
  // Blue and green keep their own colours in the drawing and the charts, whichever is live.
  if (deployment.policy.type === 'blue_green') {
    for (const [slot, stroke] of Object.entries(SIDE_COLORS)) colors.set(slotLabel(deployment, slot), stroke);
  }
  trafficShares(deployment).forEach(share => colorOf(slotLabel(deployment, share.slot)));

  const policySlot = h('div', {id: 'policy'});
  const progressSlot = h('div', {id: 'canary-progress'});
  const actionsSlot = h('div');
  const statsSlot = h('div', {id: 'slot-stats-slot'}, h('p', {class: 'muted'}, 'Waiting for the first two readings…'));
  const shadowSlot = h('div', {id: 'shadow-agreement'});
  const versionsSlot = h('div');
  const eventsSlot = h('div');
  const charts = h('div', {class: 'grid-3'});
  const headState = h('span');
  append(container,
    h('div', {class: 'breadcrumbs'}, h('a', {href: href('/deployments')}, 'Deployments')),
    h('div', {class: 'page-head'}, h('h1', {}, name), headState),
    deployment.description ? h('p', {}, deployment.description) : null,
    actionsSlot,
    h('div', {class: 'grid-2 deployment-top'},
      h('section', {'aria-labelledby': 'policy-heading'}, h('h2', {id: 'policy-heading'}, 'Traffic policy'), policySlot),
      h('section', {'aria-labelledby': 'progress-heading'},
        h('h2', {id: 'progress-heading'}, deployment.policy.type === 'canary' ? 'Canary progress' : 'Rollout'),
        progressSlot)),
    h('section', {'aria-labelledby': 'live-heading'},
      h('h2', {id: 'live-heading'}, 'Live traffic'),
      h('p', {class: 'hint'}, `What this server answered, per slot and version, read every ${POLL_MS / 1000} s;`
        + ' other replicas count their own.'),
      charts, statsSlot),
    deployment.policy.type === 'shadow'
      ? h('section', {'aria-labelledby': 'shadow-heading'}, h('h2', {id: 'shadow-heading'}, 'Shadow agreement'), shadowSlot)
      : null,
    h('div', {class: 'grid-2'},
      h('section', {'aria-labelledby': 'versions-heading'}, h('h2', {id: 'versions-heading'}, 'Versions served'), versionsSlot),
      h('section', {'aria-labelledby': 'events-heading'}, h('h2', {id: 'events-heading'}, 'Rollout events'), eventsSlot)));

  const rate = timeChart(charts, {id: 'chart-rate', title: 'Requests per second', unit: 'req/s'});
  const errors = timeChart(charts, {id: 'chart-errors', title: 'Server errors per second', unit: 'err/s'});
  const latency = timeChart(charts, {id: 'chart-latency', title: 'Latency p99', unit: 'ms'});

  let shown = '';
  const showDeployment = current => {
    const state = JSON.stringify([current.generation, current.rollout, current.ready]);
    if (state === shown) return;
    shown = state;
    replace(headState, h('span', {class: 'chip'}, current.policy.type.replace('_', '/')), ' ',
      current.ready ? h('span', {class: 'verdict pass'}, 'ready') : h('span', {class: 'verdict fail'}, 'not ready'));
    replace(policySlot, trafficPolicy(current, slot => colorOf(slotLabel(current, slot))));
    replace(progressSlot, current.policy.type === 'canary' ? canaryProgress(current) : rolloutState(current));
    replace(actionsSlot, rolloutActions(me, current, path));
    replace(versionsSlot, versionsTable(current));
    replace(eventsSlot, eventsList(current));
  };
  showDeployment(deployment);

  // Readings: the counts since the server started; each pair gives one point per series.
  const times = [];
  const history = new Map();
  let previous = null;
  let previousAt = 0;
  let stopped = false;
  const poll = async () => {
    if (stopped || signal.aborted) return;
    try {
      const [current, metrics] = await Promise.all([api.get(path, {}, signal), api.get(`${path}/metrics`, {}, signal)]);
      const now = performance.now();
      showDeployment(current);
      if (previous) {
        const figures = between(previous, metrics, (now - previousAt) / 1000);
        record(times, history, figures);
        const series = [...history.keys()].map(label => ({label, stroke: colorOf(label)}));
        const values = (key, scale = 1) => series.map(line => ({...line,
          values: history.get(line.label).map(point => (point && point[key] !== null ? point[key] * scale : null))}));
        rate.update(times, values('rate'));
        errors.update(times, values('errors'));
        latency.update(times, values('p99', 1000));
        replace(statsSlot, statsTable(figures, metrics, colorOf));
      }
      if (current.policy.type === 'shadow') replace(shadowSlot, shadowAgreement(metrics));
      previous = metrics;
      previousAt = now;
    } catch (error) {
      if (signal.aborted) return;
      replace(statsSlot, alert(`Reading the deployment's metrics failed: ${error.message}`));
    }
    if (!stopped && !signal.aborted) timer = setTimeout(poll, POLL_MS);
  };
  let timer = setTimeout(poll, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    rate.destroy();
    errors.destroy();
    latency.destroy();
  };
}

/** Appends one reading's figures; series without a figure this time get a gap. Keeps the last few minutes. */
function record(times, history, figures) {
  times.push(Date.now() / 1000);
  for (const label of figures.keys()) {
    if (!history.has(label)) history.set(label, new Array(times.length - 1).fill(null));
  }
  for (const [label, points] of history) points.push(figures.get(label) || null);
  if (times.length > KEPT_READINGS) {
    times.shift();
    for (const points of history.values()) points.shift();
  }
}

function ms(seconds) {
  return seconds === null || seconds === undefined ? '—' : `${(seconds * 1000).toPrecision(3)} ms`;
}

function statsTable(figures, metrics, colorOf) {
  const cumulative = new Map(metrics.slots.map(slot => [seriesLabel(slot), slot]));
  if (figures.size === 0) return empty('No requests answered by this deployment on this server yet.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'slot-stats', 'aria-label': 'Traffic per version'},
    h('thead', {}, h('tr', {}, ['', 'Slot · version', 'Requests (total)', 'Now', 'Server errors', 'Client errors',
      'p50', 'p99'].map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, [...figures].map(([label, figure]) => {
      const slot = cumulative.get(label);
      const requests = slot.requests.ok + slot.requests.client_error + slot.requests.error;
      return h('tr', {dataset: {slot: figure.slot}},
        h('td', {}, h('span', {'aria-hidden': 'true', style: `color:${colorOf(label)}`}, '●')),
        h('td', {}, label),
        h('td', {class: 'num', dataset: {requests: String(requests)}}, requests.toLocaleString()),
        h('td', {class: 'num'}, `${figure.rate.toFixed(1)} req/s`),
        h('td', {class: 'num'}, slot.requests.error.toLocaleString()),
        h('td', {class: 'num'}, slot.requests.client_error.toLocaleString()),
        h('td', {class: 'num'}, ms(figure.p50)),
        h('td', {class: 'num'}, ms(figure.p99)));
    }))));
}

function shadowAgreement(metrics) {
  const shadow = metrics.slots.find(slot => slot.slot === 'shadow');
  if (!shadow) return empty('No request has been mirrored to the shadow on this server yet.');
  const figures = agreement(shadow);
  const share = figures.agreement === null ? '—' : `${(figures.agreement * 100).toFixed(1)} %`;
  return h('div', {},
    h('p', {id: 'shadow-agreement-figure', class: 'big-figure'}, h('strong', {}, share),
      ` of ${figures.compared.toLocaleString()} compared answers agreed (${seriesLabel(shadow)} against the primary).`),
    h('div', {class: 'meter', role: 'meter', 'aria-label': 'Shadow agreement', 'aria-valuemin': '0',
      'aria-valuemax': '100', 'aria-valuenow': figures.agreement === null ? '0' : String(Math.round(figures.agreement * 100))},
    h('div', {class: 'fill', style: `width:${figures.agreement === null ? 0 : figures.agreement * 100}%`})),
    h('p', {class: 'hint'}, `${figures.disagreed} disagreed, ${figures.failed} failed, ${figures.skipped} skipped, `
      + 'since this server started. Shadow answers are compared and logged, never returned.'));
}

function versionsTable(deployment) {
  const slots = Object.entries(deployment.versions || {});
  if (slots.length === 0) return empty('No versions resolved.');
  return h('table', {class: 'data', id: 'served-versions', 'aria-label': 'Versions served'},
    h('thead', {}, h('tr', {}, ['Slot', 'Version', 'Asked for', 'Package digest'].map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, slots.map(([slot, version]) => h('tr', {},
      h('td', {}, slot),
      h('td', {}, h('a', {href: href(`/models/${encodeURIComponent(version.model)}/versions/${version.version}`)},
        `${version.model} v${version.version}`)),
      h('td', {class: 'mono'}, version.requested_uri),
      h('td', {class: 'mono', title: version.package_digest}, `${(version.package_digest || '').slice(0, 19)}…`)))));
}

function eventsList(deployment) {
  const events = [...(deployment.rollout?.events || [])].reverse();
  if (events.length === 0) return empty('No events.');
  return h('ol', {class: 'events', id: 'rollout-events'}, events.map(event => h('li', {},
    h('span', {class: 'muted'}, format.time(event.timestamp)), ' ', event.message)));
}
