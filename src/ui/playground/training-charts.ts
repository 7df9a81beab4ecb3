import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../charts/metric-chart';
import type { ChartSeries } from '../../charts/metric-chart';
import type { Task } from '../../ml/dataset';
import type { EpochMetrics } from '../../ml/train';

const TRAIN_COLOR = '#1f6feb';
const TEST_COLOR = '#f59322';

/**
 * `<training-charts>`: the live loss and accuracy (or mean absolute error) of the training in progress, on the
 * training data and on the held-out test data, growing by one point per epoch.
 */
@customElement('training-charts')
export class TrainingCharts extends LitElement {
  static styles = css`
    :host { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
  `;

  /** One entry per finished epoch, in order. */
  @property({ attribute: false }) history: readonly EpochMetrics[] = [];
  @property() task: Task = 'classification';

  private series(metric: string): ChartSeries[] {
    const xs = this.history.map((_, epoch) => epoch);
    const out: ChartSeries[] = [];
    for (const [key, label, color] of [[metric, 'training data', TRAIN_COLOR], [`val_${metric}`, 'test data', TEST_COLOR]] as const) {
      if (this.history.length > 0 && this.history[0][key] === undefined) continue;
      out.push({ key, label, color, xs, ys: this.history.map((m) => m[key]) });
    }
    return out;
  }

  // Titles go in as properties: a `title` attribute would also show as the browser's tooltip over the chart.
  render() {
    const second = this.task === 'classification' ? ['accuracy', 'Accuracy'] : ['mae', 'Mean absolute error'];
    return html`
      <metric-chart .title=${'Loss'} xLabel="epoch" syncKey="playground" .height=${180} .downloadable=${false} .series=${this.series('loss')}></metric-chart>
      <metric-chart .title=${second[1]} xLabel="epoch" syncKey="playground" .height=${180} .downloadable=${false} .series=${this.series(second[0])}></metric-chart>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'training-charts': TrainingCharts;
  }
}
