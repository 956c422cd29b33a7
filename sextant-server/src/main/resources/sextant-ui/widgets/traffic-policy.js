// A deployment's traffic policy drawn: requests on the left, one box per slot on the right with the
// model version it serves, and an arrow to each whose width is the share of requests it gets. A
// shadow's arrow is dashed (it sees a copy; its answers are discarded), so is a standby colour.
// Blue/green boxes say which colour is live and are drawn in their own colours; A/B arrows carry
// their weights, and the requests box names the sticky key that pins a caller to a variant.

import {color} from './line-chart.js';

/** The palette's blue and green, kept for the blue/green slots wherever they are drawn. */
export const SIDE_COLORS = {blue: color(0), green: color(2)};

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const ROW = 70;
const BOX = {width: 200, height: 54};
const SOURCE = {x: 6, width: 140, height: 54};
const SLOT_X = WIDTH - BOX.width - 10;

function node(tag, attributes = {}, text = '') {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text) element.textContent = text;
  return element;
}

/** [{slot, share (percent of requests), kind: serve|mirror|standby}] in the policy's slot order. */
export function trafficShares(deployment) {
  const policy = deployment.policy;
  switch (policy.type) {
    case 'canary': {
      const canary = Number(deployment.rollout?.canary_percent ?? policy.percent);
      return [{slot: 'stable', share: 100 - canary, kind: 'serve'}, {slot: 'canary', share: canary, kind: 'serve'}];
    }
    case 'blue_green':
      return ['blue', 'green'].map(slot => ({slot, share: policy.active === slot ? 100 : 0,
        kind: policy.active === slot ? 'serve' : 'standby', state: policy.active === slot ? 'live' : 'standby'}));
    case 'ab': {
      const total = policy.variants.reduce((sum, variant) => sum + Number(variant.weight), 0) || 1;
      return policy.variants.map(variant => ({slot: variant.name, share: (100 * Number(variant.weight)) / total,
        kind: 'serve', weight: Number(variant.weight)}));
    }
    case 'shadow':
      return [{slot: 'primary', share: 100, kind: 'serve'}, {slot: 'shadow', share: Number(policy.percent), kind: 'mirror'}];
    default:
      return [{slot: 'primary', share: 100, kind: 'serve'}];
  }
}

/** "iris v2" for a slot, from the deployment's resolved versions. */
export function servedBy(deployment, slot) {
  const version = deployment.versions?.[slot];
  return version ? `${version.model} v${version.version}` : '';
}

function shorten(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function percent(share) {
  return `${Number.isInteger(share) ? share : share.toFixed(1)} %`;
}

function label({share, kind, state, weight}) {
  if (kind === 'mirror') return `mirrors ${percent(share)}`;
  if (kind === 'standby') return 'standby · 0 %';
  if (state === 'live') return `live · ${percent(share)}`;
  if (weight !== undefined) return `${percent(share)} · weight ${weight}`;
  return percent(share);
}

/** "header X-User" or "input user_id" for an A/B policy's sticky key, else "". */
export function stickyKey(policy) {
  const key = policy.type === 'ab' ? policy.sticky_key : undefined;
  if (!key) return '';
  return key.header ? `header ${key.header}` : `input ${key.input}`;
}

/** The <svg> of the policy; slots are in `colors` order so they match the charts' series. */
export function trafficPolicy(deployment, slotColor = (slot, i) => SIDE_COLORS[slot] || color(i)) {
  const shares = trafficShares(deployment);
  const sticky = stickyKey(deployment.policy);
  const height = Math.max(1, shares.length) * ROW + 16;
  const description = shares.map(s => `${s.slot} ${servedBy(deployment, s.slot)} ${label(s)}`).join('; ')
    + (sticky ? `; sticky by ${sticky}` : '');
  const svg = node('svg', {viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', class: 'traffic-policy', role: 'img',
    'aria-label': `Traffic policy ${deployment.policy.type}: ${description}`, style: `max-width:${WIDTH}px`,
    'data-policy': deployment.policy.type, 'data-sticky-key': sticky});
  const defs = node('defs');
  // A fixed-size arrow head: with the default units it would grow with the line's width.
  const marker = node('marker', {id: 'traffic-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 10,
    markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse'});
  marker.append(node('path', {d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow'}));
  defs.append(marker);
  svg.append(defs);

  // A sticky key adds two lines to the requests box: the same key always reaches the same variant.
  const sourceHeight = sticky ? SOURCE.height + 32 : SOURCE.height;
  const sourceY = height / 2 - sourceHeight / 2;
  const source = node('g', {class: 'source'});
  source.append(node('rect', {x: SOURCE.x, y: sourceY, width: SOURCE.width, height: sourceHeight, rx: 6}));
  source.append(node('text', {x: SOURCE.x + 12, y: sourceY + 24, class: 'title'}, 'Requests'));
  source.append(node('text', {x: SOURCE.x + 12, y: sourceY + 42, class: 'subtitle'},
    shorten(deployment.endpoint || deployment.name, 22)));
  if (sticky) {
    source.append(node('text', {x: SOURCE.x + 12, y: sourceY + 60, class: 'subtitle sticky'}, 'sticky by'));
    source.append(node('text', {x: SOURCE.x + 12, y: sourceY + 76, class: 'subtitle sticky'}, shorten(sticky, 22)));
    source.append(node('title', {}, `Sticky by ${sticky}: the same key always reaches the same variant.`));
  }
  svg.append(source);

  shares.forEach((item, i) => {
    const y = 8 + i * ROW;
    const stroke = slotColor(item.slot, i);
    const x1 = SOURCE.x + SOURCE.width;
    const y1 = sourceY + sourceHeight / 2;
    const x2 = SLOT_X - 2;
    const y2 = y + BOX.height / 2;
    const middle = (x1 + x2) / 2;
    const width = item.kind === 'standby' ? 1.5 : 1.5 + (10 * item.share) / 100;
    const edge = node('path', {d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
      class: `edge ${item.kind}`, stroke, 'stroke-width': width, 'marker-end': 'url(#traffic-arrow)',
      'data-slot': item.slot, 'data-share': item.share.toFixed(1)});
    svg.append(edge);
    svg.append(node('text', {x: x2 - 10, y: y2 - width / 2 - 5, 'text-anchor': 'end', class: 'share'}, label(item)));
    const box = node('g', {class: `slot ${item.kind}`, 'data-slot': item.slot, 'data-state': item.state || item.kind});
    box.append(node('rect', {x: SLOT_X, y, width: BOX.width, height: BOX.height, rx: 6, stroke}));
    box.append(node('text', {x: SLOT_X + 12, y: y + 23, class: 'title'}, item.state ? `${item.slot} · ${item.state}`
      : item.slot));
    box.append(node('text', {x: SLOT_X + 12, y: y + 41, class: 'subtitle'}, shorten(servedBy(deployment, item.slot), 30)));
    box.append(node('title', {}, `${item.slot}: ${deployment.versions?.[item.slot]?.uri || ''} — ${label(item)}`));
    svg.append(box);
  });
  return svg;
}
