// Live figures from two readings of GET /api/v1/deployments/{name}/metrics, whose counts run since
// the server started: requests and errors per second, latency percentiles of the requests between
// the readings (from the difference of the cumulative histograms), and shadow agreement.

/** "canary · models:/iris/2" → a series label that names the slot and the version. */
export function seriesLabel(slot) {
  const match = /^models:\/(.+)\/(\d+)$/.exec(slot.version);
  return `${slot.slot} · ${match ? `${match[1]} v${match[2]}` : slot.version}`;
}

function total(slot) {
  return slot.requests.ok + slot.requests.client_error + slot.requests.error;
}

/**
 * The q-quantile (0..1) of the latencies recorded between two readings, in seconds, interpolated
 * linearly inside the bucket it falls in (as Prometheus' histogram_quantile does); null without requests.
 */
export function quantile(before, after, q) {
  const earlier = new Map((before?.buckets || []).map(bucket => [bucket.le_seconds, bucket.count]));
  const deltas = after.buckets.map(bucket => ({le: bucket.le_seconds, count: bucket.count - (earlier.get(bucket.le_seconds) || 0)}));
  const count = after.count - (before?.count || 0);
  if (count <= 0 || deltas.length === 0) return null;
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const {le, count: cumulative} of deltas) {
    if (cumulative >= rank) {
      const inside = cumulative - below;
      return inside <= 0 ? le : lower + ((le - lower) * (rank - below)) / inside;
    }
    lower = le;
    below = cumulative;
  }
  return deltas.at(-1).le;
}

/**
 * Per series label, what happened between `previous` and `current` (readings taken `seconds`
 * apart): {slot, version, requests, rate, errors, clientErrors, errorRate, p50, p99, mean (seconds)}.
 * A slot that first appears counts from zero.
 */
export function between(previous, current, seconds) {
  const earlier = new Map((previous?.slots || []).map(slot => [seriesLabel(slot), slot]));
  const figures = new Map();
  for (const slot of current.slots) {
    const label = seriesLabel(slot);
    const before = earlier.get(label);
    const requests = total(slot) - (before ? total(before) : 0);
    const errors = slot.requests.error - (before?.requests.error || 0);
    const clientErrors = slot.requests.client_error - (before?.requests.client_error || 0);
    const timed = slot.latency.count - (before?.latency.count || 0);
    figures.set(label, {
      slot: slot.slot, version: slot.version, requests,
      rate: requests / seconds, errors: errors / seconds, clientErrors,
      errorRate: requests > 0 ? errors / requests : null,
      p50: quantile(before?.latency, slot.latency, 0.5),
      p99: quantile(before?.latency, slot.latency, 0.99),
      mean: timed > 0 ? (slot.latency.sum_seconds - (before?.latency.sum_seconds || 0)) / timed : null,
    });
  }
  return figures;
}

/** Since the server started: {compared, agreed, disagreed, failed, skipped, agreement (0..1 or null)} of a shadow slot. */
export function agreement(slot) {
  const {agreed, disagreed, failed, skipped} = slot.shadow;
  const compared = agreed + disagreed;
  return {compared, agreed, disagreed, failed, skipped, agreement: compared > 0 ? agreed / compared : null};
}
