// One point per run: a parameter on x (numeric axis, or evenly spaced categories) against a metric
// on y. Drawn as SVG so that every point carries its run's name as a tooltip.

import {color} from './line-chart.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 340;
const MARGIN = {left: 70, right: 20, top: 20, bottom: 50};

function node(tag, attributes = {}, text = '') {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text) element.textContent = text;
  return element;
}

function ticks(min, max, count) {
  if (min === max) return [min];
  const step = (max - min) / (count - 1);
  return Array.from({length: count}, (_, i) => min + i * step);
}

function label(value) {
  return Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(2)
    : String(Number(value.toPrecision(4)));
}

/** points: [{label, x (string), y (number), color?}]. Returns the <svg>. */
export function scatterChart({xLabel, yLabel, points}) {
  const usable = points.filter(point => point.x !== undefined && Number.isFinite(point.y));
  const numeric = usable.every(point => point.x !== '' && Number.isFinite(Number(point.x)));
  const categories = numeric ? [] : [...new Set(usable.map(point => point.x))].sort();
  const xs = usable.map(point => (numeric ? Number(point.x) : categories.indexOf(point.x)));
  const ys = usable.map(point => point.y);
  const pad = (lo, hi) => (lo === hi ? [lo - 1, hi + 1] : [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05]);
  const [x0, x1] = numeric ? pad(Math.min(...xs), Math.max(...xs)) : [-0.5, categories.length - 0.5];
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const sx = x => MARGIN.left + ((x - x0) / (x1 - x0)) * (WIDTH - MARGIN.left - MARGIN.right);
  const sy = y => HEIGHT - MARGIN.bottom - ((y - y0) / (y1 - y0)) * (HEIGHT - MARGIN.top - MARGIN.bottom);

  const svg = node('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', role: 'img',
    'aria-label': `${yLabel} against ${xLabel} for ${usable.length} runs`, style: `max-width:${WIDTH}px`});
  const axes = node('g', {class: 'axis'});
  axes.append(node('line', {x1: MARGIN.left, y1: HEIGHT - MARGIN.bottom, x2: WIDTH - MARGIN.right, y2: HEIGHT - MARGIN.bottom}));
  axes.append(node('line', {x1: MARGIN.left, y1: MARGIN.top, x2: MARGIN.left, y2: HEIGHT - MARGIN.bottom}));
  for (const y of ticks(y0, y1, 5)) {
    axes.append(node('text', {x: MARGIN.left - 6, y: sy(y) + 4, 'text-anchor': 'end'}, label(y)));
  }
  const xTicks = numeric ? ticks(x0, x1, 6).map(x => [x, label(x)])
    : categories.slice(0, 30).map((category, i) => [i, category.length > 14 ? `${category.slice(0, 13)}…` : category]);
  for (const [x, text] of xTicks) {
    axes.append(node('text', {x: sx(x), y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle'}, text));
  }
  axes.append(node('text', {x: (MARGIN.left + WIDTH - MARGIN.right) / 2, y: HEIGHT - 8, 'text-anchor': 'middle'}, xLabel));
  axes.append(node('text', {x: 14, y: (MARGIN.top + HEIGHT - MARGIN.bottom) / 2, 'text-anchor': 'middle',
    transform: `rotate(-90 14 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2})`}, yLabel));
  svg.append(axes);
  const dots = node('g', {class: 'points'});
  usable.forEach((point, i) => {
    const circle = node('circle', {cx: sx(xs[i]), cy: sy(ys[i]), r: 5, fill: point.color || color(i)});
    circle.append(node('title', {}, `${point.label}: ${xLabel}=${point.x}, ${yLabel}=${point.y}`));
    dots.append(circle);
  });
  svg.append(dots);
  return svg;
}
