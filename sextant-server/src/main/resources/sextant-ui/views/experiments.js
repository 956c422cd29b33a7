// Experiments: search by name, active or deleted, paged on the server.

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import {literal} from '../filters.js';
import * as format from '../format.js';
import {href, navigate} from '../router.js';

const PAGE_SIZE = 100;

export async function render(container, {query, signal}) {
  document.title = 'Experiments · Sextant';
  const name = query.name || '';
  const view = query.view || 'ACTIVE_ONLY';
  const tokens = query.page ? query.page.split(',') : [];

  const search = h('input', {id: 'experiment-search', type: 'search', value: name, placeholder: 'e.g. churn'});
  const viewSelect = h('select', {id: 'experiment-view'},
    option('ACTIVE_ONLY', 'Active', view), option('DELETED_ONLY', 'Deleted', view), option('ALL', 'All', view));
  const form = h('form', {class: 'toolbar', role: 'search', onsubmit: event => {
    event.preventDefault();
    navigate('/experiments', {name: search.value.trim(), view: viewSelect.value === 'ACTIVE_ONLY' ? '' : viewSelect.value});
  }},
  h('div', {class: 'field grow'}, h('label', {for: 'experiment-search'}, 'Name contains'), search),
  h('div', {class: 'field'}, h('label', {for: 'experiment-view'}, 'Show'), viewSelect),
  h('button', {type: 'submit', class: 'primary'}, 'Search'));
  const results = h('div', {'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading experiments…'));
  append(container, h('div', {class: 'page-head'}, h('h1', {}, 'Experiments')), form, results);

  let page;
  try {
    page = await api.get('/api/v1/experiments', {
      filter: name ? `name ILIKE ${literal(`%${name}%`)}` : '',
      view, max_results: PAGE_SIZE, page_token: tokens.at(-1) || '',
      order_by: 'name ASC',
    }, signal);
  } catch (error) {
    if (!signal.aborted) replace(results, alert(error.message));
    return;
  }
  const experiments = page.experiments || [];
  if (experiments.length === 0) {
    replace(results, empty(name ? `No experiment's name contains “${name}”.` : 'No experiments yet.'));
    return;
  }
  replace(results,
    h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'experiments-table', 'aria-label': 'Experiments'},
      h('thead', {}, h('tr', {}, ['Name', 'ID', 'Created', 'Last updated', 'Artifact location']
        .map(title => h('th', {scope: 'col'}, title)))),
      h('tbody', {}, experiments.map(experiment => h('tr', {},
        h('td', {}, h('a', {href: href(`/experiments/${experiment.experiment_id}`)}, experiment.name)),
        h('td', {class: 'mono'}, experiment.experiment_id),
        h('td', {}, format.time(experiment.creation_time)),
        h('td', {}, format.time(experiment.last_update_time)),
        h('td', {class: 'mono', title: experiment.artifact_location}, experiment.artifact_location)))))),
    pager(tokens, page.next_page_token, {name, view: view === 'ACTIVE_ONLY' ? '' : view}));
}

function option(value, label, selected) {
  return h('option', {value, selected: value === selected}, label);
}

function pager(tokens, next, query) {
  const previous = tokens.slice(0, -1);
  return h('nav', {class: 'pager', 'aria-label': 'Pages of experiments'},
    h('button', {type: 'button', disabled: tokens.length === 0,
      onclick: () => navigate('/experiments', {...query, page: previous.join(',')})}, '← Previous'),
    h('span', {class: 'muted'}, `Page ${tokens.length + 1}`),
    h('button', {type: 'button', disabled: !next,
      onclick: () => navigate('/experiments', {...query, page: [...tokens, next].join(',')})}, 'Next →'));
}
