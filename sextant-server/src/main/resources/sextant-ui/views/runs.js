// One experiment's runs: a table with chosen metric, param and tag columns, MLflow filter syntax,
// sorting and paging done by the server, so 10,000 runs cost no more than one page of them.

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import {field, parseOrder} from '../filters.js';
import * as format from '../format.js';
import {href, navigate} from '../router.js';
import {columnPicker, GROUPS} from '../widgets/column-picker.js';

const PAGE_SIZES = [25, 50, 100, 250, 500];
const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_COLUMNS = 6;
/** Runs picked for comparison, per experiment, kept while the tab lives. */
const picked = new Map();

const FIXED_COLUMNS = [
  {title: 'Run', order: 'attributes.run_name', first: 'ASC'},
  {title: 'Status', order: 'attributes.status', first: 'ASC'},
  {title: 'Started', order: 'attributes.start_time', first: 'DESC'},
  {title: 'Duration'},
  {title: 'User', order: 'attributes.user_id', first: 'ASC'},
];

export async function render(container, {params, query, signal}) {
  const experimentId = params.id;
  const state = {
    filter: query.filter || '',
    order: query.order || '',
    size: PAGE_SIZES.includes(Number(query.size)) ? Number(query.size) : DEFAULT_PAGE_SIZE,
    tokens: query.page ? query.page.split(',') : [],
    view: query.view || '',
  };
  const go = changes => navigate(`/experiments/${experimentId}`, urlQuery({...state, ...changes}));
  if (!picked.has(experimentId)) picked.set(experimentId, new Map());
  const selection = picked.get(experimentId);

  const heading = h('h1', {}, `Experiment ${experimentId}`);
  const filterInput = h('input', {type: 'search', id: 'run-filter', value: state.filter, spellcheck: false,
    placeholder: "metrics.auc > 0.9 and params.lr = '0.01'", 'aria-describedby': 'run-filter-hint'});
  const sizeSelect = h('select', {id: 'page-size'},
    PAGE_SIZES.map(size => h('option', {value: size, selected: size === state.size}, String(size))));
  const viewSelect = h('select', {id: 'run-view'},
    [['', 'Active'], ['DELETED_ONLY', 'Deleted'], ['ALL', 'All']]
      .map(([value, label]) => h('option', {value, selected: value === state.view}, label)));
  const columnsButton = h('button', {type: 'button', id: 'columns-button', 'aria-expanded': 'false',
    'aria-controls': 'columns-panel'}, 'Columns');
  const compareButton = h('button', {type: 'button', id: 'compare-button', class: 'primary',
    onclick: () => navigate('/compare', {runs: [...selection.keys()].join(',')})});
  const clearButton = h('button', {type: 'button', class: 'link', onclick: () => {
    selection.clear();
    for (const box of container.querySelectorAll('input.pick')) box.checked = false;
    updateCompare();
  }}, 'Clear selection');
  const updateCompare = () => {
    compareButton.textContent = `Compare (${selection.size})`;
    compareButton.disabled = selection.size < 2;
  };
  updateCompare();

  const form = h('form', {class: 'toolbar', role: 'search', onsubmit: event => {
    event.preventDefault();
    go({filter: filterInput.value.trim(), size: Number(sizeSelect.value), view: viewSelect.value, tokens: []});
  }},
  h('div', {class: 'field grow'}, h('label', {for: 'run-filter'}, 'Filter'), filterInput),
  h('div', {class: 'field'}, h('label', {for: 'run-view'}, 'Show'), viewSelect),
  h('div', {class: 'field'}, h('label', {for: 'page-size'}, 'Per page'), sizeSelect),
  h('button', {type: 'submit', class: 'primary'}, 'Search'),
  h('span', {class: 'spacer'}),
  columnsButton, compareButton, clearButton);
  const hint = h('p', {class: 'hint', id: 'run-filter-hint'},
    "MLflow filter syntax: metrics.<key>, params.<key>, tags.<key>, attributes.<name> with =, !=, <, >, LIKE, "
    + "ILIKE, IN; joined with AND. Keys with spaces go in backticks.");
  const pickerSlot = h('div');
  const results = h('div', {id: 'runs-results', 'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading runs…'));
  append(container, 
    h('div', {class: 'breadcrumbs'}, h('a', {href: href('/experiments')}, 'Experiments')),
    h('div', {class: 'page-head'}, heading), form, hint, pickerSlot, results);

  api.get(`/api/v1/experiments/${encodeURIComponent(experimentId)}`, {}, signal).then(experiment => {
    heading.textContent = experiment.name;
    document.title = `${experiment.name} · Sextant`;
  }).catch(() => {});

  const started = performance.now();
  let page;
  try {
    page = await api.get('/api/v1/runs', {
      experiment_id: experimentId, filter: state.filter, order_by: state.order,
      max_results: state.size, page_token: state.tokens.at(-1) || '', view: state.view,
    }, signal);
  } catch (error) {
    if (!signal.aborted) replace(results, alert(error.message));
    return;
  }
  const runs = page.runs || [];
  const available = keysOf(runs);
  let columns = loadColumns(experimentId, available);

  const drawTable = () => {
    if (runs.length === 0) {
      replace(results, empty(state.filter ? 'No run matches this filter.' : 'This experiment has no runs yet.'));
      return;
    }
    const first = state.tokens.length * state.size + 1;
    replace(results,
      h('div', {class: 'table-wrap'}, table(runs, columns, state, go, selection, updateCompare)),
      h('nav', {class: 'pager', 'aria-label': 'Pages of runs'},
        h('button', {type: 'button', id: 'previous-page', disabled: state.tokens.length === 0,
          onclick: () => go({tokens: state.tokens.slice(0, -1)})}, '← Previous'),
        h('span', {class: 'muted', id: 'page-position'}, `Runs ${first}–${first + runs.length - 1}`),
        h('button', {type: 'button', id: 'next-page', disabled: !page.next_page_token,
          onclick: () => go({tokens: [...state.tokens, page.next_page_token]})}, 'Next →')));
  };
  drawTable();
  results.dataset.loadedMs = String(Math.round(performance.now() - started));

  columnsButton.addEventListener('click', () => {
    const open = columnsButton.getAttribute('aria-expanded') === 'true';
    columnsButton.setAttribute('aria-expanded', String(!open));
    replace(pickerSlot, open ? null : columnPicker(available, columns, chosen => {
      columns = chosen;
      localStorage.setItem(storageKey(experimentId), JSON.stringify(chosen));
      drawTable();
    }));
  });
}

function urlQuery(state) {
  return {filter: state.filter, order: state.order, view: state.view,
    size: state.size === DEFAULT_PAGE_SIZE ? '' : state.size, page: state.tokens.join(',')};
}

function keysOf(runs) {
  const metrics = new Set();
  const params = new Set();
  const tags = new Set();
  for (const run of runs) {
    for (const metric of run.metrics || []) metrics.add(metric.key);
    Object.keys(run.params || {}).forEach(key => params.add(key));
    Object.keys(run.tags || {}).forEach(key => tags.add(key));
  }
  return {metrics: [...metrics].sort(), params: [...params].sort(), tags: [...tags].sort()};
}

function storageKey(experimentId) {
  return `sextant.columns.${experimentId}`;
}

function loadColumns(experimentId, available) {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(experimentId)) || 'null');
    if (saved && GROUPS.every(({entity}) => Array.isArray(saved[entity]))) return saved;
  } catch {
    // a damaged entry falls back to the defaults
  }
  return {metrics: available.metrics.slice(0, DEFAULT_COLUMNS), params: available.params.slice(0, DEFAULT_COLUMNS),
    tags: []};
}

function table(runs, columns, state, go, selection, updateCompare) {
  const current = parseOrder(state.order);
  const sortHeader = (title, order, firstDirection) => {
    if (!order) return h('th', {scope: 'col'}, title);
    const target = parseOrder(order);
    const active = current && current.entity === target.entity && current.key === target.key;
    const direction = active ? (current.descending ? 'DESC' : 'ASC') : '';
    const next = active ? (direction === 'DESC' ? 'ASC' : 'DESC') : firstDirection;
    return h('th', {scope: 'col', 'aria-sort': active ? (direction === 'DESC' ? 'descending' : 'ascending') : 'none',
      title: order},
    h('button', {type: 'button', class: 'sort', 'aria-pressed': String(active),
      onclick: () => go({order: `${order} ${next}`, tokens: []})},
    title, active ? (direction === 'DESC' ? ' ▼' : ' ▲') : ''));
  };
  const groupRow = h('tr', {},
    h('th', {colspan: FIXED_COLUMNS.length + 1, class: 'group'}, ''),
    GROUPS.filter(({entity}) => columns[entity].length > 0)
      .map(({entity, title}) => h('th', {colspan: columns[entity].length, class: 'group', scope: 'colgroup'}, title)));
  const headerRow = h('tr', {},
    h('th', {scope: 'col'}, h('span', {class: 'muted', title: 'Select for comparison'}, '✓')),
    FIXED_COLUMNS.map(column => sortHeader(column.title, column.order, column.first)),
    GROUPS.flatMap(({entity}) => columns[entity].map(key =>
      sortHeader(key, field(entity, key), entity === 'metrics' ? 'DESC' : 'ASC'))));
  const body = document.createDocumentFragment();
  for (const run of runs) {
    const metrics = new Map((run.metrics || []).map(metric => [metric.key, metric.value]));
    const name = run.run_name || run.run_id;
    body.append(h('tr', {dataset: {runId: run.run_id}},
      h('td', {}, h('input', {type: 'checkbox', class: 'pick', checked: selection.has(run.run_id),
        'aria-label': `Select ${name} for comparison`, onchange: event => {
          if (event.target.checked) selection.set(run.run_id, name);
          else selection.delete(run.run_id);
          updateCompare();
        }})),
      h('td', {}, h('a', {href: href(`/runs/${run.run_id}`)}, name)),
      h('td', {}, h('span', {class: `status ${run.status}`}, run.status)),
      h('td', {}, format.time(run.start_time)),
      h('td', {}, format.duration(run.start_time, run.end_time)),
      h('td', {}, run.user_id),
      columns.metrics.map(key => h('td', {class: 'num'}, metrics.has(key) ? format.number(metrics.get(key)) : '')),
      columns.params.map(key => cell((run.params || {})[key])),
      columns.tags.map(key => cell((run.tags || {})[key]))));
  }
  return h('table', {class: 'data', id: 'runs-table', 'aria-label': 'Runs'},
    h('thead', {}, groupRow, headerRow), h('tbody', {}, body));
}

function cell(value) {
  return h('td', {title: value ?? ''}, value ?? '');
}
