// One registered model: its description, tags, aliases and every version with its stage.

import * as api from '../api.js';
import {alert, append, empty, h, keyValueTable} from '../dom.js';
import * as format from '../format.js';
import {href, navigate, reload} from '../router.js';
import {caller, MODEL} from '../session.js';
import {actionDialog} from '../widgets/action-dialog.js';

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
  let history;
  let me;
  try {
    [model, page, history, me] = await Promise.all([
      api.get(modelPath(name), {}, signal),
      api.get(`${modelPath(name)}/versions`, {order_by: 'version_number DESC', max_results: PAGE_SIZE,
        page_token: tokens.at(-1) || ''}, signal),
      // The history is one section: its failure is shown there, not instead of the page.
      api.get(`${modelPath(name)}/stage-history`, {}, signal).catch(error => ({error})),
      caller(),
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
      'Next →')),
    h('h2', {id: 'history-heading'}, 'Stage history'),
    history.error ? alert(history.error.message) : historySection(me, model.name, history.history || []));
}

/** Every promotion and rollback of the model's targets, newest first, with who and why; rollback for managers. */
function historySection(me, name, entries) {
  if (entries.length === 0) return empty('No promotions yet: versions reach governed stages and aliases by promotion.');
  const targets = [...new Set(entries.map(entry => entry.target))];
  const rollback = target => actionDialog({
    title: `Roll ${target} back`,
    message: `${target} goes back to the version its last promotion replaced.`,
    confirm: 'Roll back', danger: true,
    fields: [{name: 'reason', label: 'Reason', type: 'textarea', required: true,
      hint: 'Kept in the stage history and the audit log.'}],
    run: values => api.send('POST', `${modelPath(name)}/rollbacks`, {target, reason: values.reason}),
  }).then(done => done && reload());
  return h('div', {},
    h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'stage-history', 'aria-label': 'Stage history'},
      h('thead', {}, h('tr', {}, ['When', 'Target', 'Action', 'Version', 'Replaced', 'By', 'Reason']
        .map(title => h('th', {scope: 'col'}, title)))),
      h('tbody', {}, entries.map(entry => h('tr', {},
        h('td', {}, format.time(entry.at)),
        h('td', {}, entry.target),
        h('td', {}, entry.action.replace('_', ' ')),
        h('td', {}, h('a', {href: versionHref(name, entry.version)}, `Version ${entry.version}`)),
        h('td', {}, entry.previous_version === null ? '—'
          : h('a', {href: versionHref(name, entry.previous_version)}, `Version ${entry.previous_version}`)),
        h('td', {}, entry.actor),
        h('td', {class: 'detail', title: entry.reason}, entry.reason)))))),
    me.may(MODEL, name, 'MANAGE') ? h('div', {class: 'actions-bar', role: 'group', 'aria-label': 'Rollback'},
      targets.map(target => h('button', {type: 'button', class: 'danger-outline', onclick: () => rollback(target)},
        `Roll back ${target}…`))) : null);
}
