// Several runs side by side: a metric's curves over steps, a parameter against a metric, and the
// params and latest metrics in one table (optionally only where the runs differ).

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import * as format from '../format.js';
import {href, navigate} from '../router.js';
import {downsampled, pointsFor} from '../series.js';
import {color, lineChart} from '../widgets/line-chart.js';
import {scatterChart} from '../widgets/scatter-chart.js';

const MAX_RUNS = 500;
const CHART_POINT_BUDGET = 40_000;

export async function render(container, {query, signal}) {
  document.title = 'Compare runs · Sextant';
  const ids = [...new Set((query.runs || '').split(',').filter(Boolean))].slice(0, MAX_RUNS);
  append(container, h('div', {class: 'page-head'}, h('h1', {}, `Compare ${ids.length} runs`)));
  if (ids.length === 0) {
    append(container, empty('Pick runs in an experiment\'s table, then choose Compare.'));
    return undefined;
  }
  const status = h('p', {class: 'muted'}, 'Loading runs…');
  append(container, status);
  let runs;
  try {
    runs = await api.pooled(ids, 6, id => api.get(`/api/v1/runs/${encodeURIComponent(id)}`, {}, signal));
  } catch (error) {
    if (!signal.aborted) replace(status, alert(error.message));
    return undefined;
  }
  status.remove();
  const metricKeys = [...new Set(runs.flatMap(run => (run.metrics || []).map(metric => metric.key)))].sort();
  const paramKeys = [...new Set(runs.flatMap(run => Object.keys(run.params || {})))].sort();
  const latest = runs.map(run => new Map((run.metrics || []).map(metric => [metric.key, format.toNumber(metric.value)])));
  // Curves default to the metric logged over the most steps; the scatter to the first by name.
  const lastStep = new Map();
  runs.flatMap(run => run.metrics || [])
    .forEach(metric => lastStep.set(metric.key, Math.max(lastStep.get(metric.key) ?? -Infinity, Number(metric.step))));
  const longest = [...lastStep.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const chosen = {
    metric: metricKeys.includes(query.metric) ? query.metric : longest,
    param: paramKeys.includes(query.param) ? query.param : paramKeys[0],
    y: metricKeys.includes(query.y) ? query.y : metricKeys[0],
  };
  const remember = () => navigate('/compare', {runs: ids.join(','), ...chosen}, {replace: true, silent: true});

  // Curves
  const curveSlot = h('div', {id: 'curve-chart'});
  let removeCurves = () => {};
  const drawCurves = async () => {
    removeCurves();
    removeCurves = () => {};
    if (!chosen.metric) {
      replace(curveSlot, empty('These runs logged no metrics.'));
      return;
    }
    const logged = runs.map((run, i) => ({run, color: color(i)})).filter((_, i) => latest[i].has(chosen.metric));
    replace(curveSlot, h('p', {class: 'muted'}, `Loading ${chosen.metric} for ${logged.length} runs…`));
    const perRun = Math.max(100, Math.min(pointsFor(curveSlot.clientWidth || 1000),
      Math.floor(CHART_POINT_BUDGET / Math.max(1, logged.length))));
    try {
      const series = await api.pooled(logged, 6, async ({run, color: stroke}) => ({
        label: run.run_name || run.run_id, stroke,
        ...(await downsampled(run.run_id, chosen.metric, perRun, signal)),
      }));
      replace(curveSlot);
      removeCurves = lineChart(curveSlot, {title: chosen.metric, yLabel: chosen.metric, series});
    } catch (error) {
      if (!signal.aborted) replace(curveSlot, alert(error.message));
    }
  };

  // Scatter
  const scatterSlot = h('div', {id: 'scatter-chart', class: 'chart'});
  const drawScatter = () => {
    if (!chosen.param || !chosen.y) {
      replace(scatterSlot, empty('A parameter and a metric are needed for this chart.'));
      return;
    }
    replace(scatterSlot, scatterChart({
      xLabel: chosen.param, yLabel: chosen.y,
      points: runs.map((run, i) => ({label: run.run_name || run.run_id, x: (run.params || {})[chosen.param],
        y: latest[i].get(chosen.y), color: color(i)})),
    }));
  };

  const select = (id, label, keys, name, redraw) => h('div', {class: 'field'},
    h('label', {for: id}, label),
    h('select', {id, disabled: keys.length === 0, onchange: event => {
      chosen[name] = event.target.value;
      remember();
      redraw();
    }}, keys.map(key => h('option', {value: key, selected: key === chosen[name]}, key))));

  const onlyDifferent = h('input', {type: 'checkbox', id: 'only-different', checked: true});
  const tableSlot = h('div');
  const drawTable = () => replace(tableSlot, valuesTable(runs, latest, paramKeys, metricKeys, onlyDifferent.checked));
  onlyDifferent.addEventListener('change', drawTable);

  append(container, 
    runsLegend(runs),
    h('h2', {}, 'Metric over steps'),
    h('div', {class: 'toolbar'}, select('curve-metric', 'Metric', metricKeys, 'metric', drawCurves)),
    curveSlot,
    h('h2', {}, 'Parameter against metric'),
    h('div', {class: 'toolbar'},
      select('scatter-param', 'Parameter (x)', paramKeys, 'param', drawScatter),
      select('scatter-metric', 'Metric (y)', metricKeys, 'y', drawScatter)),
    scatterSlot,
    h('h2', {}, 'Parameters and metrics'),
    h('div', {class: 'toolbar'}, h('label', {}, onlyDifferent, ' Only rows where the runs differ')),
    tableSlot);
  drawScatter();
  drawTable();
  drawCurves();
  return () => removeCurves();
}

function runsLegend(runs) {
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'compared-runs', 'aria-label': 'Compared runs'},
    h('thead', {}, h('tr', {}, ['', 'Run', 'Experiment', 'Status', 'Started'].map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, runs.map((run, i) => h('tr', {},
      h('td', {}, h('span', {'aria-hidden': 'true', style: `color:${color(i)}`}, '●')),
      h('td', {}, h('a', {href: href(`/runs/${run.run_id}`)}, run.run_name || run.run_id)),
      h('td', {}, h('a', {href: href(`/experiments/${run.experiment_id}`)}, run.experiment_id)),
      h('td', {}, h('span', {class: `status ${run.status}`}, run.status)),
      h('td', {}, format.time(run.start_time)))))));
}

function valuesTable(runs, latest, paramKeys, metricKeys, onlyDifferent) {
  const rows = [
    ...paramKeys.map(key => ({group: 'param', key, values: runs.map(run => (run.params || {})[key])})),
    ...metricKeys.map(key => ({group: 'metric', key, values: latest.map(metrics => metrics.get(key))})),
  ].filter(row => !onlyDifferent || new Set(row.values.map(String)).size > 1);
  if (rows.length === 0) return empty('The runs agree on every parameter and metric.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'compare-values', 'aria-label': 'Parameters and metrics by run'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Key'),
      runs.map(run => h('th', {scope: 'col', title: run.run_id}, run.run_name || run.run_id)))),
    h('tbody', {}, rows.map(row => h('tr', {},
      h('th', {scope: 'row'}, h('span', {class: 'muted'}, row.group === 'param' ? 'param ' : 'metric '), row.key),
      row.values.map(value => h('td', {class: row.group === 'metric' ? 'num' : ''},
        value === undefined ? '' : row.group === 'metric' ? format.number(value) : value)))))));
}
