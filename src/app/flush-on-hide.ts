import { requestMetricFlush } from '../tracking/flush-requests';

/**
 * When this page is hidden (another tab, a minimised window, a phone locking), it may be frozen or discarded
 * without another event: training workers then write their buffered metrics at once instead of within ~0.5 s.
 */
export function flushMetricsWhenHidden(): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') requestMetricFlush();
  });
  addEventListener('pagehide', requestMetricFlush);
}
