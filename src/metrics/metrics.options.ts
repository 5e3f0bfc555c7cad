/** Whether the scrape endpoint `/metrics` answers (`METRICS_ENABLED`). */
export interface MetricsOptions {
  enabled: boolean;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
