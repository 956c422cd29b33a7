// A live chart over wall-clock time (uPlot on a canvas), updated in place as new readings arrive;
// one series per slot and version. Gaps (no traffic in an interval) are left open.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import {h} from '../dom.js';

const HEIGHT = 220;

/** A chart in `container`; returns {update(times, series: [{label, stroke, values}]), destroy()}. */
export function timeChart(container, {id, title, unit}) {
  const figure = h('figure', {class: 'chart live', id, role: 'img', 'aria-label': `${title}: no readings yet`,
    dataset: {points: '0'}});
  const caption = h('figcaption', {class: 'chart-title'}, title);
  figure.append(caption);
  container.append(figure);
  let plot = null;
  let labels = '';
  const width = () => Math.max(280, (figure.clientWidth || container.clientWidth || 400) - 4);

  const build = series => {
    if (plot) plot.destroy();
    plot = new uPlot({
      width: width(),
      height: HEIGHT,
      scales: {x: {time: true}, y: {range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1]}},
      axes: [{}, {label: unit, size: 60}],
      legend: {show: true},
      series: [{}, ...series.map(line => ({label: line.label, stroke: line.stroke, width: 1.8, spanGaps: false,
        points: {show: false}}))],
    }, [[]], figure);
    labels = series.map(line => line.label).join('\n');
  };

  const resize = new ResizeObserver(() => {
    if (plot && Math.abs(width() - plot.width) > 8) plot.setSize({width: width(), height: HEIGHT});
  });
  resize.observe(figure);

  return {
    update(times, series) {
      if (series.map(line => line.label).join('\n') !== labels || !plot) build(series);
      plot.setData([times, ...series.map(line => line.values)]);
      const points = series.reduce((sum, line) => sum + line.values.filter(value => value !== null).length, 0);
      figure.dataset.points = String(points);
      const latest = series.map(line => {
        const value = [...line.values].reverse().find(item => item !== null);
        return `${line.label} ${value === undefined ? 'no data' : `${Number(value.toPrecision(3))} ${unit}`}`;
      });
      figure.setAttribute('aria-label', `${title}, latest: ${latest.join('; ') || 'no readings yet'}`);
    },
    destroy() {
      resize.disconnect();
      if (plot) plot.destroy();
      figure.remove();
    },
  };
}
