// Small statistics helpers: an exact latency recorder (every sample kept, sub-millisecond
// precision, unlike autocannon's integer-millisecond histogram) and medians.

/**
 * @typedef {object} LatencySummary
 * @property {number} count number of samples
 * @property {number} mean mean, in ms
 * @property {number} p50 median, in ms
 * @property {number} p90 in ms
 * @property {number} p99 in ms
 * @property {number} p999 99.9th percentile, in ms
 * @property {number} max in ms
 */

/** Keeps every latency sample (ms, as floats) in a growable typed array. */
export class LatencyRecorder {
  /** @param {number} [capacity] initial capacity */
  constructor(capacity = 1 << 16) {
    /** @type {Float64Array} */
    this.values = new Float64Array(capacity);
    this.count = 0;
  }

  /** @param {number} value a latency, in ms */
  record(value) {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = value;
  }

  /** @param {LatencyRecorder} other adds all samples of another recorder */
  addAll(other) {
    for (let i = 0; i < other.count; i++) this.record(other.values[i]);
  }

  /** @returns {LatencySummary} */
  summary() {
    return summarize(this.values.subarray(0, this.count));
  }
}

/**
 * Percentiles by the nearest-rank method.
 * @param {Float64Array} samples not modified
 * @returns {LatencySummary}
 */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, p999: NaN, max: NaN };
  /** @param {number} p a fraction in (0, 1] */
  const at = (p) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    count: n,
    mean: sum / n,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    p999: at(0.999),
    max: sorted[n - 1],
  };
}

/**
 * The median of a list of numbers (the mean of the two middle ones for an even count).
 * @param {number[]} values
 * @returns {number}
 */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
