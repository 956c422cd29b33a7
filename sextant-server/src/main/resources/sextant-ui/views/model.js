// One registered model: its description, tags, aliases and every version with its stage.

import * as api from '../api.js';
import {alert, append, empty, h, keyValueTable} from '../dom.js';
import * as format from '../format.js';
import {href, navigate} from '../router.js';

const PAGE_SIZE = 100;

export function modelPath(name) {
  return `/api/v1/models/${encodeURIComponent(name)}`;
}

export function versionHref(name, version) {
  return href(`/models/${encodeURIComponent(name)}/versions/${version}`);
}

export async function render(container, {params, query, signal}) {
  const name = params.name;
  document.title = `${name} · Sextant`;
  const tokens = query.page ? query.page.split(',') : [];
  let model;
  let page;
  try {
    [model, page] = await Promise.all([
      api.get(modelPath(name), {}, signal),
      api.get(`${modelPath(name)}/versions`, {order_by: 'version_number DESC', max_results: PAGE_SIZE,
        page_token: tokens.at(-1) || ''}, signal),
    ]);
  } catch (error) {
    if (!signal.aborted) append(container, alert(error.message));
    return;
  }
  const versions = page.versions || [];
  const aliases = Object.entries(model.aliases || {});
  append(container, 
    h('div', {class: 'breadcrumbs'}, h('a', {href: href('/models')}, 'Models')),
    h('div', {class: 'page-head'}, h('h1', {}, model.name)),
    model.description ? h('p', {}, model.description) : null,
    h('div', {class: 'grid-2'},
      h('section', {'aria-labelledby': 'aliases-heading'},
        h('h2', {id: 'aliases-heading'}, 'Aliases'),
        aliases.length === 0 ? empty('No aliases.') : keyValueTable(aliases.map(([alias, version]) =>
          [`@${alias}`, h('a', {href: versionHref(model.name, version)}, `Version ${version}`)]), 'Aliases')),
      h('section', {'aria-labelledby': 'model-tags-heading'},
        h('h2', {id: 'model-tags-heading'}, 'Tags'), keyValueTable(Object.entries(model.tags || {}), 'Model tags'))),
    h('h2', {}, 'Versions'),
    versions.length === 0 ? empty('No versions registered yet.') : h('div', {class: 'table-wrap'},
      h('table', {class: 'data', id: 'versions-table', 'aria-label': 'Model versions'},
        h('thead', {}, h('tr', {}, ['Version', 'Stage', 'Aliases', 'Status', 'Run', 'Registered', 'Source']
          .map(title => h('th', {scope: 'col'}, title)))),
        h('tbody', {}, versions.map(version => h('tr', {},
          h('td', {}, h('a', {href: versionHref(model.name, version.version)}, `Version ${version.version}`)),
          h('td', {}, h('span', {class: `stage ${version.stage}`}, version.stage)),
          h('td', {}, (version.aliases || []).map(alias => h('span', {class: 'chip'}, `@${alias}`))),
          h('td', {}, version.status),
          h('td', {}, version.run_id ? h('a', {href: href(`/runs/${version.run_id}`)}, version.run_id.slice(0, 12)) : ''),
          h('td', {}, format.time(version.creation_timestamp)),
          h('td', {class: 'mono', title: version.source}, version.source)))))),
    h('nav', {class: 'pager', 'aria-label': 'Pages of versions'},
      h('button', {type: 'button', disabled: tokens.length === 0,
        onclick: () => navigate(`/models/${encodeURIComponent(name)}`, {page: tokens.slice(0, -1).join(',')})},
      '← Previous'),
      h('button', {type: 'button', disabled: !page.next_page_token,
        onclick: () => navigate(`/models/${encodeURIComponent(name)}`, {page: [...tokens, page.next_page_token].join(',')})},
      'Next →')));

}
