// How numbers, times and durations read in tables.

const dateTime = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'medium'});

export function time(millis) {
  return millis === null || millis === undefined || millis === 0 ? '' : dateTime.format(new Date(Number(millis)));
}

export function duration(start, end) {
  if (!start || !end) return '';
  let seconds = Math.max(0, Math.round((Number(end) - Number(start)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  seconds %= 60;
  if (minutes < 60) return `${minutes}m ${seconds}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** Metric values arrive as numbers, or as "NaN"/"Infinity" strings from the native API. */
export function toNumber(value) {
  return typeof value === 'number' ? value : Number(value);
}

export function number(value) {
  const n = toNumber(value);
  if (!Number.isFinite(n)) return String(value);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return n.toExponential(4);
  return String(Number(n.toPrecision(6)));
}

export function bytes(size) {
  if (size === undefined || size === null) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Number(size);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
