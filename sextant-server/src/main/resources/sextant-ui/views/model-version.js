// One model version: stage, aliases, where it came from, its signature and files with digests, and
// its lineage drawn as a graph (dataset versions → run → this version → deployments).

import * as api from '../api.js';
import {alert, append, empty, h, keyValueTable, replace} from '../dom.js';
import * as format from '../format.js';
import {href, navigate, reload} from '../router.js';
import {caller} from '../session.js';
import {signatureView} from '../widgets/mlmodel.js';
import {lineageGraph} from '../widgets/lineage-graph.js';
import {releasePanel} from '../widgets/release-panel.js';
import {aliasChips, versionActions} from '../widgets/version-actions.js';
import {modelPath} from './model.js';

export async function render(container, {params, query, signal}) {
  const {name, version: number} = params;
  document.title = `${name} v${number} · Sextant`;
  let version;
  let me;
  try {
    [version, me] = await Promise.all([
      api.get(`${modelPath(name)}/versions/${encodeURIComponent(number)}`, {}, signal), caller()]);
  } catch (error) {
    if (!signal.aborted) append(container, alert(error.message));
    return;
  }
  const signature = version.signature || {};
  const lineageSlot = h('div', {id: 'lineage', 'aria-live': 'polite'}, h('p', {class: 'muted'}, 'Loading lineage…'));
  const changed = what => (what === 'deleted' ? navigate(`/models/${encodeURIComponent(name)}`) : reload());
  const releaseSlot = h('div', {id: 'release-slot'});
  append(container, 
    h('div', {class: 'breadcrumbs'}, h('a', {href: href('/models')}, 'Models'), ' › ',
      h('a', {href: href(`/models/${encodeURIComponent(name)}`)}, name)),
    h('div', {class: 'page-head'}, h('h1', {}, `${name} version ${version.version}`),
      h('span', {class: `stage ${version.stage}`}, version.stage),
      aliasChips(me, version, changed)),
    versionActions(me, version, changed),
    version.description ? h('p', {}, version.description) : null,
    keyValueTable([
      ['Model URI', h('span', {class: 'mono'}, version.model_uri)],
      ['Stage', version.stage],
      ['Aliases', (version.aliases || []).map(alias => `@${alias}`).join(', ')],
      ['Status', [version.status, version.status_message].filter(Boolean).join(': ')],
      ['Run', version.run_id ? h('a', {href: href(`/runs/${version.run_id}`)}, version.run_id) : ''],
      ['Source', h('span', {class: 'mono'}, version.source)],
      ['Registered', format.time(version.creation_timestamp)],
      ['Last updated', format.time(version.last_updated_timestamp)],
      ['Package digest', h('span', {class: 'mono'}, version.package_digest || '')],
      ['Model file', h('span', {class: 'mono'}, version.model_file || '')],
    ], 'Version overview', {sorted: false}),
    releaseSlot,
    h('h2', {}, 'Lineage'),
    lineageSlot,
    h('h2', {}, 'Signature'),
    signatureView({inputs: signature.inputs?.length ? signature.inputs : null,
      outputs: signature.outputs?.length ? signature.outputs : null, inferred: signature.inferred}),
    h('div', {class: 'grid-2'},
      h('section', {'aria-labelledby': 'files-heading'}, h('h2', {id: 'files-heading'}, 'Files'), filesTable(version.files || [])),
      h('section', {'aria-labelledby': 'version-tags-heading'}, h('h2', {id: 'version-tags-heading'}, 'Tags'),
        keyValueTable(Object.entries(version.tags || {}), 'Version tags'))));

  const path = `/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(number)}`;
  releasePanel(me, version, {target: query.target || '', signal, changed: () => reload(),
    choose: target => navigate(path, {target}, {replace: true})})
    .then(panel => { if (!signal.aborted) replace(releaseSlot, panel); });
  try {
    replace(lineageSlot, lineageGraph(await lineage(version, signal)));
  } catch (error) {
    if (!signal.aborted) replace(lineageSlot, alert(error.message));
  }
}

/**
 * Upstream of the version (its run and that run's datasets), plus what the datasets' downstream
 * graphs say was made from this version (deployments).
 */
async function lineage(version, signal) {
  const upstream = await api.get('/api/v1/lineage/upstream',
    {model_uri: `models:/${version.name}/${version.version}`}, signal);
  const nodes = new Map(upstream.nodes.map(item => [item.id, item]));
  const edges = [...upstream.edges];
  const datasets = upstream.nodes.filter(item => item.type === 'dataset_version');
  const downstream = await api.pooled(datasets, 4, dataset =>
    api.get('/api/v1/lineage/downstream', {dataset_digest: dataset.digest}, signal).catch(() => null));
  for (const graph of downstream.filter(Boolean)) {
    const byId = new Map(graph.nodes.map(item => [item.id, item]));
    for (const edge of graph.edges.filter(e => e.from === upstream.root && !nodes.has(e.to))) {
      nodes.set(edge.to, byId.get(edge.to));
      edges.push(edge);
    }
  }
  return {root: upstream.root, nodes: [...nodes.values()].filter(Boolean), edges};
}

function filesTable(files) {
  if (files.length === 0) return empty('No file digests recorded.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'data', 'aria-label': 'Model files'},
    h('thead', {}, h('tr', {}, ['File', 'Size', 'SHA-256'].map(title => h('th', {scope: 'col'}, title)))),
    h('tbody', {}, files.map(file => h('tr', {},
      h('td', {class: 'mono'}, file.path), h('td', {class: 'num'}, format.bytes(file.size)),
      h('td', {class: 'mono', title: file.sha256}, file.sha256.slice(0, 16) + '…'))))));
}
