// Registered models: search by name, with each model's latest version per stage and its aliases.

import * as api from '../api.js';
import {alert, append, empty, h, replace} from '../dom.js';
import {literal} from '../filters.js';
import * as format from '../format.js';
import {href, navigate} from '../router.js';
import {versionHref} from './model.js';

const PAGE_SIZE = 100;

export async function render(container, {query, signal}) {
  document.title = 'Models · Sextant';
  const name = query.name || '';
  const tokens = query.page ? query.page.split(',') : [];
  const search = h('input', {id: 'model-search', type: 'search', value: name, placeholder: 'e.g. churn'});
  const results = h('div', {'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading models…'));
  append(container, 
    h('div', {class: 'page-head'}, h('h1', {}, 'Models')),
    h('form', {class: 'toolbar', role: 'search', onsubmit: event => {
      event.preventDefault();
      navigate('/models', {name: search.value.trim()});
    }},
    h('div', {class: 'field grow'}, h('label', {for: 'model-search'}, 'Name contains'), search),
    h('button', {type: 'submit', class: 'primary'}, 'Search')),
    results);

  let page;
  try {
    page = await api.get('/api/v1/models', {
      filter: name ? `name ILIKE ${literal(`%${name}%`)}` : '', order_by: 'name ASC',
      max_results: PAGE_SIZE, page_token: tokens.at(-1) || '',
    }, signal);
  } catch (error) {
    if (!signal.aborted) replace(results, alert(error.message));
    return;
  }
  const models = page.models || [];
  if (models.length === 0) {
    replace(results, empty(name ? `No model's name contains “${name}”.` : 'No registered models yet.'));
    return;
  }
  replace(results,
    h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'models-table', 'aria-label': 'Registered models'},
      h('thead', {}, h('tr', {}, ['Name', 'Latest versions', 'Aliases', 'Last updated', 'Description']
        .map(title => h('th', {scope: 'col'}, title)))),
      h('tbody', {}, models.map(model => h('tr', {},
        h('td', {}, h('a', {href: href(`/models/${encodeURIComponent(model.name)}`)}, model.name)),
        h('td', {}, (model.latest_versions || []).map(version => h('span', {class: 'chip'},
          h('a', {href: versionHref(model.name, version.version)}, `v${version.version}`), ` ${version.stage}`))),
        h('td', {}, Object.entries(model.aliases || {}).map(([alias, version]) => h('span', {class: 'chip'},
          `@${alias} → `, h('a', {href: versionHref(model.name, version)}, `v${version}`)))),
        h('td', {}, format.time(model.last_updated_timestamp)),
        h('td', {title: model.description || ''}, model.description || '')))))),
    h('nav', {class: 'pager', 'aria-label': 'Pages of models'},
      h('button', {type: 'button', disabled: tokens.length === 0,
        onclick: () => navigate('/models', {name, page: tokens.slice(0, -1).join(',')})}, '← Previous'),
      h('span', {class: 'muted'}, `Page ${tokens.length + 1}`),
      h('button', {type: 'button', disabled: !page.next_page_token,
        onclick: () => navigate('/models', {name, page: [...tokens, page.next_page_token].join(',')})}, 'Next →')));
}
