// Metric histories for charts, downsampled by the server to about as many points as the chart has
// pixels (first, lowest, highest and last value of each bucket of consecutive points).

import * as api from './api.js';
import {toNumber} from './format.js';

export function pointsFor(width) {
  return Math.min(8000, Math.max(400, Math.round(width * 2)));
}

export function path(key) {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** {steps, values, total} for one run's metric. */
export async function downsampled(runId, key, maxPoints, signal) {
  const body = await api.get(`/api/v1/runs/${encodeURIComponent(runId)}/metrics/${path(key)}/downsampled`,
    {max_points: maxPoints}, signal);
  return {steps: body.steps, values: body.values.map(toNumber), total: body.total_points};
}
