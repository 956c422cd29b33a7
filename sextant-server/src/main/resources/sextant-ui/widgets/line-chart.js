// Metric curves over steps, drawn by uPlot on a canvas. Series arrive already downsampled by the
// server, so a chart holds a few thousand points whatever the history's length.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import {h} from '../dom.js';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf',
  '#7f7f7f', '#bcbd22'];
const HEIGHT = 320;

export function color(index) {
  return PALETTE[index % PALETTE.length];
}

/**
 * A chart of `series` ([{label, steps, values, stroke?}]) in `container`; returns a function that removes it.
 * Non-finite values leave a gap.
 */
export function lineChart(container, {title, series, yLabel = ''}) {
  const figure = h('figure', {class: 'chart', role: 'img',
    'aria-label': `${title}: ${series.length} series over steps`});
  container.append(figure);
  const tables = series.map(line => [line.steps, line.values.map(value => (Number.isFinite(value) ? value : null))]);
  const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
  const width = Math.max(320, (container.clientWidth || 800) - 4);
  const plot = new uPlot({
    title,
    width,
    height: HEIGHT,
    scales: {x: {time: false}},
    axes: [{label: 'step'}, {label: yLabel, size: 70}],
    cursor: {drag: {x: true, y: false}},
    series: [{label: 'step'}, ...series.map((line, i) => ({
      label: line.label,
      stroke: line.stroke || color(i),
      width: 1.5,
      spanGaps: true,
      points: {show: line.steps.length < 60},
    }))],
  }, data, figure);
  figure.dataset.points = String(series.reduce((sum, line) => sum + line.steps.length, 0));
  const resize = new ResizeObserver(() => {
    const next = Math.max(320, (container.clientWidth || width) - 4);
    if (Math.abs(next - plot.width) > 8) plot.setSize({width: next, height: HEIGHT});
  });
  resize.observe(container);
  return () => {
    resize.disconnect();
    plot.destroy();
    figure.remove();
  };
}
