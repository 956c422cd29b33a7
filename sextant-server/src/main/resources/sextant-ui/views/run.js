// One run: what it is, its metrics (with a chart of any metric's history), params, tags, where it
// came from and what it ran on, its dataset inputs and its artifacts.

import * as api from '../api.js';
import {alert, append, empty, h, keyValueTable, replace} from '../dom.js';
import * as format from '../format.js';
import {href, reload} from '../router.js';
import {downsampled, pointsFor} from '../series.js';
import {caller, EXPERIMENT} from '../session.js';
import {actionDialog} from '../widgets/action-dialog.js';
import {artifactBrowser} from '../widgets/artifacts.js';
import {lineChart} from '../widgets/line-chart.js';

const SOURCE = /^(mlflow\.source\.|sextant\.source\.|mlflow\.gitRepoURL|mlflow\.project\.)/;
const ENVIRONMENT = /^(sextant\.env\.|sextant\.version$|mlflow\.user$|mlflow\.docker\.|mlflow\.databricks\.runtime)/;
const SYSTEM = /^(mlflow|sextant)\./;

export async function render(container, {params, signal}) {
  let run;
  let me;
  try {
    [run, me] = await Promise.all([api.get(`/api/v1/runs/${encodeURIComponent(params.id)}`, {}, signal), caller()]);
  } catch (error) {
    append(container, alert(error.message));
    return undefined;
  }
  const name = run.run_name || run.run_id;
  document.title = `${name} · Sextant`;
  const experimentLinks = [0, 1].map(() =>
    h('a', {href: href(`/experiments/${run.experiment_id}`)}, `Experiment ${run.experiment_id}`));
  api.get(`/api/v1/experiments/${encodeURIComponent(run.experiment_id)}`, {}, signal).then(experiment => {
    experimentLinks.forEach(link => { link.textContent = experiment.name; });
  }).catch(() => {});

  const tags = Object.entries(run.tags || {});
  const chartSlot = h('div', {id: 'run-chart'});
  let removeChart = () => {};
  append(container, 
    h('div', {class: 'breadcrumbs'}, h('a', {href: href('/experiments')}, 'Experiments'), ' › ', experimentLinks[0]),
    h('div', {class: 'page-head'}, h('h1', {}, name), h('span', {class: `status ${run.status}`}, run.status),
      run.lifecycle_stage === 'deleted' ? h('span', {class: 'chip danger'}, 'deleted') : null),
    runActions(me, run),
    keyValueTable([
      ['Run ID', h('span', {class: 'mono'}, run.run_id)],
      ['Experiment', experimentLinks[1]],
      ['Started', format.time(run.start_time)],
      ['Ended', format.time(run.end_time)],
      ['Duration', format.duration(run.start_time, run.end_time)],
      ['User', run.user_id],
      ['Lifecycle', run.lifecycle_stage],
      ['Artifact location', h('span', {class: 'mono'}, run.artifact_uri)],
      ...(run.tags?.['mlflow.parentRunId']
        ? [['Parent run', h('a', {href: href(`/runs/${run.tags['mlflow.parentRunId']}`)}, run.tags['mlflow.parentRunId'])]]
        : []),
    ], 'Run overview', {sorted: false}),
    h('h2', {id: 'metrics-heading'}, 'Metrics'),
    metricsSection(run, chartSlot, signal, remove => { removeChart(); removeChart = remove; }),
    chartSlot,
    h('div', {class: 'grid-2'},
      h('section', {'aria-labelledby': 'params-heading'},
        h('h2', {id: 'params-heading'}, 'Parameters'), keyValueTable(Object.entries(run.params || {}), 'Parameters')),
      h('section', {'aria-labelledby': 'tags-heading'},
        h('h2', {id: 'tags-heading'}, 'Tags'), keyValueTable(tags.filter(([key]) => !SYSTEM.test(key)), 'Tags'))),
    h('div', {class: 'grid-2'},
      h('section', {'aria-labelledby': 'source-heading'},
        h('h2', {id: 'source-heading'}, 'Source'), keyValueTable(tags.filter(([key]) => SOURCE.test(key)), 'Source')),
      h('section', {'aria-labelledby': 'environment-heading'},
        h('h2', {id: 'environment-heading'}, 'Environment'),
        keyValueTable(tags.filter(([key]) => ENVIRONMENT.test(key)), 'Environment'))),
    h('h2', {}, 'Datasets'), inputsTable(run.inputs || []),
    h('h2', {id: 'artifacts-heading'}, 'Artifacts'), artifactBrowser(run, signal),
    h('details', {}, h('summary', {}, 'All system tags'),
      keyValueTable(tags.filter(([key]) => SYSTEM.test(key)), 'System tags')));
  return () => removeChart();
}

/** Delete or restore, for callers with MANAGE on the run's experiment (what the server asks for). */
function runActions(me, run) {
  if (!me.may(EXPERIMENT, run.experiment_id, 'MANAGE')) return null;
  const path = `/api/v1/runs/${encodeURIComponent(run.run_id)}`;
  const deleted = run.lifecycle_stage === 'deleted';
  const act = () => actionDialog(deleted ? {
    title: `Restore ${run.run_name || run.run_id}?`, confirm: 'Restore run',
    run: () => api.send('POST', `${path}/restore`),
  } : {
    title: `Delete ${run.run_name || run.run_id}?`, confirm: 'Delete run', danger: true,
    message: 'The run moves to the deleted runs of its experiment and can be restored from there.',
    run: () => api.send('DELETE', path),
  }).then(done => done && reload());
  return h('div', {class: 'actions-bar', role: 'group', 'aria-label': 'Run actions'},
    h('button', {type: 'button', class: deleted ? '' : 'danger-outline', onclick: act},
      deleted ? 'Restore run…' : 'Delete run…'));
}

function metricsSection(run, chartSlot, signal, setChart) {
  const metrics = [...(run.metrics || [])].sort((a, b) => a.key.localeCompare(b.key));
  if (metrics.length === 0) return empty('No metrics.');
  const show = async key => {
    replace(chartSlot, h('p', {class: 'muted'}, `Loading ${key}…`));
    try {
      const series = await downsampled(run.run_id, key, pointsFor(chartSlot.clientWidth || 1000), signal);
      replace(chartSlot);
      const points = `${series.total.toLocaleString()} point${series.total === 1 ? '' : 's'}`;
      setChart(lineChart(chartSlot, {title: `${key} (${points})`, yLabel: key,
        series: [{label: run.run_name || run.run_id, ...series}]}));
    } catch (error) {
      if (!signal.aborted) replace(chartSlot, alert(error.message));
    }
  };
  const table = h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'metrics-table', 'aria-label': 'Metrics'},
    h('thead', {}, h('tr', {}, ['Metric', 'Latest value', 'Step', 'Logged', ''].map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, metrics.map(metric => h('tr', {},
      h('td', {}, metric.key),
      h('td', {class: 'num'}, format.number(metric.value)),
      h('td', {class: 'num'}, String(metric.step)),
      h('td', {}, format.time(metric.timestamp)),
      h('td', {}, h('button', {type: 'button', class: 'link', 'aria-label': `Chart ${metric.key}`,
        onclick: () => show(metric.key)}, 'Chart')))))));
  // The metric with the longest history (by its last step) is drawn right away; the others on request.
  const longest = metrics.reduce((best, metric) => (Number(metric.step) > Number(best.step) ? metric : best));
  queueMicrotask(() => show(longest.key));
  return table;
}

function inputsTable(inputs) {
  if (inputs.length === 0) return empty('No dataset inputs.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', 'aria-label': 'Dataset inputs'},
    h('thead', {}, h('tr', {}, ['Name', 'Digest', 'Context', 'Source type', 'Source']
      .map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, inputs.map(input => h('tr', {},
      h('td', {}, input.dataset.name),
      h('td', {class: 'mono'}, input.dataset.digest),
      h('td', {}, (input.tags || {})['mlflow.data.context'] || ''),
      h('td', {}, input.dataset.source_type),
      h('td', {class: 'mono', title: input.dataset.source}, input.dataset.source))))));
}
