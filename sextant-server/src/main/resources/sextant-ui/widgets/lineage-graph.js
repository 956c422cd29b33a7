// A lineage graph drawn left to right: dataset versions → runs → model versions → deployments.
// Nodes are SVG links (reachable with Tab) to the pages that describe them.

import {href} from '../router.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLUMNS = ['dataset_version', 'run', 'model_version', 'deployment'];
const TITLES = {dataset_version: 'Dataset versions', run: 'Runs', model_version: 'Model versions', deployment: 'Deployments'};
const NODE_WIDTH = 190;
const NODE_HEIGHT = 54;
const COLUMN_GAP = 110;
const ROW_GAP = 18;
const TOP = 34;

function node(tag, attributes = {}, text = '') {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text) element.textContent = text;
  return element;
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** [title, subtitle, link] of a node, from its type-specific fields. */
function describe(item) {
  switch (item.type) {
    case 'dataset_version':
      return [item.name || 'dataset', `digest ${item.digest}`, ''];
    case 'run':
      return [item.run_name || item.run_id, `run · ${item.status || ''}`, href(`/runs/${item.run_id}`)];
    case 'model_version': {
      const aliases = (item.aliases || []).map(alias => `@${alias}`).join(' ');
      return [`${item.name} v${item.version}`, [item.stage, aliases].filter(Boolean).join(' · '),
        href(`/models/${encodeURIComponent(item.name)}/versions/${item.version}`)];
    }
    case 'deployment':
      return [item.endpoint || item.deployment_id, `deployment ${item.deployment_id}`, ''];
    default:
      return [item.id, item.type, ''];
  }
}

/** graph: {root, nodes: [{id, type, …}], edges: [{from, to, relation, context}]}. Returns the <svg>. */
export function lineageGraph(graph) {
  const placed = new Map();
  const heights = COLUMNS.map(() => 0);
  for (const item of graph.nodes) {
    const column = Math.max(0, COLUMNS.indexOf(item.type));
    placed.set(item.id, {item, x: 10 + column * (NODE_WIDTH + COLUMN_GAP), y: TOP + heights[column] * (NODE_HEIGHT + ROW_GAP)});
    heights[column]++;
  }
  const width = 20 + COLUMNS.length * NODE_WIDTH + (COLUMNS.length - 1) * COLUMN_GAP;
  const height = TOP + Math.max(1, ...heights) * (NODE_HEIGHT + ROW_GAP);
  const svg = node('svg', {viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'lineage', role: 'group',
    'aria-label': `Lineage: ${graph.nodes.length} nodes, ${graph.edges.length} edges`, style: `max-width:${width}px`});
  const defs = node('defs');
  const marker = node('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: 'auto-start-reverse'});
  marker.append(node('path', {d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow'}));
  defs.append(marker);
  svg.append(defs);
  COLUMNS.forEach((type, column) => svg.append(node('text', {x: 10 + column * (NODE_WIDTH + COLUMN_GAP), y: 16,
    class: 'column-title'}, TITLES[type])));

  for (const edge of graph.edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const middle = (x1 + x2) / 2;
    const path = node('path', {d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2 - 2} ${y2}`,
      class: 'edge', 'marker-end': 'url(#arrow)'});
    path.append(node('title', {}, `${edge.from} ${edge.relation}${edge.context ? ` (${edge.context})` : ''} ${edge.to}`));
    svg.append(path);
    svg.append(node('text', {x: middle, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle', class: 'edge-label'},
      edge.context ? `${edge.relation} (${edge.context})` : edge.relation));
  }

  for (const {item, x, y} of placed.values()) {
    const [title, subtitle, link] = describe(item);
    const group = node(link ? 'a' : 'g', link ? {href: link, 'aria-label': `${item.type.replace('_', ' ')} ${title}`} : {});
    group.setAttribute('class', `node ${item.type}${item.id === graph.root ? ' root' : ''}`);
    group.dataset.nodeId = item.id;
    group.append(node('rect', {x, y, width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6}));
    group.append(node('text', {x: x + 10, y: y + 22, class: 'node-title'}, shorten(title, 25)));
    group.append(node('text', {x: x + 10, y: y + 40, class: 'node-subtitle'}, shorten(subtitle, 29)));
    group.append(node('title', {}, `${item.id}\n${title}\n${subtitle}`));
    svg.append(group);
  }
  return svg;
}
