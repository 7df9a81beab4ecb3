import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../charts/metric-chart';
import type { ChartSeries } from '../../charts/metric-chart';
import { RUN_PALETTE } from '../../charts/run-colors';
import type { Task } from '../../ml/dataset';
import type { EpochMetrics } from '../../ml/train';
import { TaskHandOver } from './task-hand-over';

// The series palette's first two colours (blue, orange): far apart, and readable in both themes.
const [TRAIN_COLOR, TEST_COLOR] = RUN_PALETTE;
const CHART_COUNT = 2;
const NO_HISTORY: readonly EpochMetrics[] = [];

/**
 * `<training-charts>`: the live loss and accuracy (or mean absolute error) of the training in progress, on the
 * training data and on the held-out test data, growing by one point per epoch.
 */
@customElement('training-charts')
export class TrainingCharts extends LitElement {
  static styles = css`
    :host { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
  `;

  @property() task: Task = 'classification';

  /**
   * The history the charts draw, handed over from `history` in a task of its own: redrawing two uPlots and
   * rasterizing their canvases costs ~5 ms of main thread, which a trace showed added to the page's update task
   * (itself drawing the boundary); apart, each task stays short.
   */
  @state() private drawn: readonly EpochMetrics[] = NO_HISTORY;
  private readonly handOver = new TaskHandOver<readonly EpochMetrics[]>(NO_HISTORY, (h) => (this.drawn = h));

  /** One entry per finished epoch, in order. Not reactive itself: setting it schedules the hand-over. */
  get history(): readonly EpochMetrics[] {
    return this.handOver.latest;
  }

  set history(history: readonly EpochMetrics[]) {
    this.handOver.set(history);
  }

  /**
   * How many charts (in order) receive the history. A chart's first drawing creates its uPlot, which costs tens
   * of milliseconds while its code is cold; each chart gets a frame of its own for that, so the first epochs to
   * arrive never make one long task of both charts and the page's own update.
   */
  @state() private charted = 0;
  private nextChartFrame: number | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    // A hand-over cancelled when the element was taken out of the page.
    if (this.drawn !== this.history) this.handOver.set(this.history);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.handOver.cancel();
  }

  protected updated(): void {
    if (this.drawn.length === 0 || this.charted >= CHART_COUNT || this.nextChartFrame !== null) return;
    this.nextChartFrame = requestAnimationFrame(() => {
      this.nextChartFrame = null;
      this.charted++;
    });
  }

  private series(metric: string, chart: number): ChartSeries[] {
    const history = chart < this.charted ? this.drawn : NO_HISTORY;
    const xs = history.map((_, epoch) => epoch);
    const out: ChartSeries[] = [];
    for (const [key, label, color] of [
      [metric, 'training data', TRAIN_COLOR],
      [`val_${metric}`, 'test data', TEST_COLOR],
    ] as const) {
      if (history.length > 0 && history[0][key] === undefined) continue;
      out.push({ key, label, color, xs, ys: history.map((m) => m[key]) });
    }
    return out;
  }

  // Titles go in as properties: a `title` attribute would also show as the browser's tooltip over the chart.
  render() {
    const second = this.task === 'classification' ? ['accuracy', 'Accuracy'] : ['mae', 'Mean absolute error'];
    return html`
      <metric-chart .title=${'Loss'} xLabel="epoch" syncKey="playground" .height=${180} .downloadable=${false} .series=${this.series('loss', 0)}></metric-chart>
      <metric-chart .title=${second[1]} xLabel="epoch" syncKey="playground" .height=${180} .downloadable=${false} .series=${this.series(second[0], 1)}></metric-chart>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'training-charts': TrainingCharts;
  }
}
