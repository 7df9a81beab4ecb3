/**
 * `<metric-chart>`: line chart of one metric for one or many runs, drawn with uPlot.
 *
 * Properties (assign a new `series` array to redraw; the chart calls uPlot's `setData`, it is not rebuilt):
 * - `series: ChartSeries[]` — `{ label, color?, key?, xs, ys }`; xs ascending. `key` identifies the series in
 *   `hiddenKeys` and events (defaults to `label`). Any size: each series is decimated (min/max per pixel column,
 *   see decimate.ts) to the drawn width before uPlot sees it; the legend reads values from the full series.
 * - `title: string` — shown above the chart and used as its accessible name (role="img").
 * - `xLabel: string` — x axis caption, e.g. "step".
 * - `xTime: boolean` — xs are Unix times in seconds; the axis shows dates and clock times.
 * - `logScale: boolean` — logarithmic y axis (values ≤ 0 are not drawn).
 * - `syncKey?: string` — charts sharing a key move their cursors together.
 * - `hiddenKeys: ReadonlySet<string>` — series not drawn (their legend entry stays, struck through).
 * - `height: number` — plot height in CSS px (default 220).
 * - `downloadable: boolean` — show a "Download PNG" button (default true).
 *
 * Drag across the plot to zoom in on a range (re-decimated at the new scale); double-click to zoom out.
 * `toPngBlob()` renders the chart with its title and legend to a PNG.
 *
 * @fires series-toggle - `{ key, hidden }` when a legend entry is clicked; the chart updates `hiddenKeys` itself.
 */
import { LitElement, css, html, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import { alignOnGrid, nearestIndex, xExtent } from './decimate';
import { formatNumber } from './format';
import { RUN_PALETTE } from './run-colors';
import { chartToPng } from './chart-png';
import { AppearanceController, chartColors } from './chart-theme';
import { downloadChartPng } from './download';
import { whenIdle } from './when-idle';
import { bandLines, bandOptions, type SeriesBand } from './chart-bands';

export interface ChartSeries {
  label: string;
  color?: string;
  key?: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** A shaded band around the line, e.g. a group's mean ± std across its runs (see chart-bands.ts). */
  band?: SeriesBand;
}

export interface SeriesToggleDetail {
  key: string;
  hidden: boolean;
}

const keyOf = (s: ChartSeries) => s.key ?? s.label;

/** uPlot's `points.show`: true for a series with at most a few values in view, drawn as dots rather than lost. */
function sparsePoints(u: uPlot, seriesIndex: number): boolean {
  const ys = u.data[seriesIndex];
  let count = 0;
  for (let i = 0; i < ys.length; i++) if (ys[i] != null && ++count > 12) return false;
  return true;
}

@customElement('metric-chart')
export class MetricChart extends LitElement {
  static styles = [
    unsafeCSS(uPlotCss),
    css`
      :host { display: block; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 10px 12px; min-width: 0; }
      header { display: flex; align-items: baseline; gap: 8px; margin-bottom: 4px; }
      h3 { font-size: var(--tf-font-size); margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--tf-color-text); }
      header button { font: inherit; font-size: var(--tf-font-size-sm); padding: 2px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); cursor: pointer; }
      .plot { position: relative; width: 100%; }
      .empty { display: grid; place-items: center; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); background: var(--tf-color-surface-2); border-radius: 6px; }
      ul { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 6px; max-height: 96px; overflow: auto; }
      li button { display: flex; align-items: center; gap: 6px; font: inherit; font-size: var(--tf-font-size-sm); border: 0; background: none; padding: 2px 4px; border-radius: 4px; cursor: pointer; color: var(--tf-color-text); }
      li button:hover { background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); }
      li button[aria-pressed='false'] { opacity: 0.45; text-decoration: line-through; }
      .swatch { width: 12px; height: 3px; border-radius: 2px; flex: none; }
      .value { font-variant-numeric: tabular-nums; color: var(--tf-color-text-muted); }
      .hint { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); margin-left: auto; }
    `,
  ];

  @property({ attribute: false }) series: ChartSeries[] = [];
  @property() title = '';
  @property() xLabel = 'step';
  @property({ type: Boolean }) xTime = false;
  @property({ type: Boolean }) logScale = false;
  @property() syncKey?: string;
  @property({ attribute: false }) hiddenKeys: ReadonlySet<string> = new Set();
  @property({ type: Number }) height = 220;
  @property({ type: Boolean }) downloadable = true;

  /** x value under the cursor (this chart's or a synced one), null when the cursor is elsewhere. */
  @state() private cursorX: number | null = null;
  @state() private zoom: [number, number] | null = null;

  private plot: uPlot | null = null;
  private idleBuild: { cancel: () => void } | null = null;
  private structure = '';
  private width = 0;
  private resizeObserver = new ResizeObserver((entries) => this.onResize(entries[0].contentRect.width));

  constructor() {
    super();
    // uPlot paints colours into its canvas: a theme change rebuilds the plot (updated() sees a new structure).
    new AppearanceController(this, () => (this.structure = ''));
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.idleBuild?.cancel();
    this.idleBuild = null;
    this.resizeObserver.disconnect();
    this.destroyPlot();
    this.width = 0;
  }

  connectedCallback(): void {
    super.connectedCallback();
    const container = this.renderRoot.querySelector?.('.plot');
    if (container) this.resizeObserver.observe(container);
  }

  firstUpdated(): void {
    this.resizeObserver.observe(this.renderRoot.querySelector('.plot')!);
  }

  private get hasData(): boolean {
    return this.series.some((s) => Math.min(s.xs.length, s.ys.length) > 0);
  }

  protected updated(changed: PropertyValues): void {
    if (this.width <= 0) {
      this.destroyPlot();
      return;
    }
    if (!this.hasData) {
      // Emptied (the Playground's next training starts): the plot is kept, hidden, for the same series to come
      // back to, since building a uPlot costs a main-thread task of tens of milliseconds and setData very little.
      if (this.plot) this.plot.root.style.display = 'none';
      else if (this.series.length > 0) this.buildWhenIdle();
      return;
    }
    if (this.plot) this.plot.root.style.display = '';
    const structure = this.structureKey();
    if (!this.plot || structure !== this.structure) {
      this.createPlot();
      this.structure = structure;
    } else if (changed.has('series') || changed.has('zoom')) {
      this.plot.setData(this.alignedData());
    }
    if (changed.has('hiddenKeys') || changed.has('series')) this.applyVisibility();
  }

  /** What the plot is built for: a change rebuilds it, anything else is a setData. */
  private structureKey(): string {
    return JSON.stringify([
      this.series.map((s, i) => [keyOf(s), s.label, this.colorOf(s, i), Boolean(s.band)]),
      this.xTime,
      this.logScale,
      this.xLabel,
      this.syncKey ?? '',
      this.height,
    ]);
  }

  /**
   * An empty chart that already knows its series (the Playground's, before Train) builds its plot, hidden, while
   * the page is idle: a trace showed a cold uPlot's first build (~20-30 ms) in the first epochs' frame otherwise.
   */
  private buildWhenIdle(): void {
    if (this.idleBuild !== null) return;
    this.idleBuild = whenIdle(() => {
      this.idleBuild = null;
      if (this.plot || this.hasData || this.width <= 0 || this.series.length === 0) return;
      this.createPlot();
      this.structure = this.structureKey();
      this.plot!.root.style.display = 'none';
    });
  }

  private colorOf(s: ChartSeries, index: number): string {
    return s.color ?? RUN_PALETTE[index % RUN_PALETTE.length];
  }

  private onResize(width: number): void {
    const rounded = Math.floor(width);
    if (rounded === this.width) return;
    this.width = rounded;
    if (this.plot && rounded > 0) {
      this.plot.setSize({ width: rounded, height: this.height });
      this.plot.setData(this.alignedData());
    } else {
      this.requestUpdate();
    }
  }

  /** One shared x column on a grid of two slots per pixel over the visible range; see alignOnGrid. */
  private alignedData(): uPlot.AlignedData {
    const [lo, hi] = this.zoom ?? xExtent(this.series) ?? [0, 1];
    // A metric logged at one step only (an evaluation score) has no x range of its own: give it one to sit in.
    const extent = hi > lo ? [lo, hi] : [lo - 1, hi + 1];
    const keep = this.logScale ? (y: number) => Number.isFinite(y) && y > 0 : Number.isFinite;
    const grid = alignOnGrid(
      [...this.series, ...bandLines(this.series)],
      extent[0],
      extent[1],
      Math.max(16, this.width),
      keep,
    );
    return [grid.xs, ...grid.ys];
  }

  private createPlot(): void {
    this.destroyPlot();
    const container = this.renderRoot.querySelector<HTMLElement>('.plot')!;
    const colors = chartColors(this);
    const axisStyle = {
      stroke: colors.muted,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.border, width: 1 },
    };
    const bands = bandOptions(bandLines(this.series), this.series.length, (owner) =>
      this.colorOf(this.series[owner], owner),
    );
    const options: uPlot.Options = {
      bands: bands.bands,
      width: this.width,
      height: this.height,
      legend: { show: false },
      cursor: {
        // Only the cursor is shared: zooming stays per chart, and hiding is done by key (see hiddenKeys), not by
        // uPlot's series index, which differs between charts when a run lacks a metric.
        sync: this.syncKey
          ? {
              key: this.syncKey,
              setSeries: false,
              filters: { pub: (type) => type !== 'mousedown' && type !== 'mouseup' },
            }
          : undefined,
        drag: { x: true, y: false, setScale: false },
        points: { size: 7 },
        bind: {
          dblclick: () => () => {
            this.zoom = null;
            return null;
          },
        },
      },
      scales: {
        x: { time: this.xTime, range: (_u, min, max) => this.zoom ?? [min, max] },
        // Tight log range: uPlot's own rounds out to whole powers of ten, which can waste most of the height.
        y: this.logScale
          ? { distr: 3, log: 10, range: (_u, min, max) => (min > 0 && max > 0 ? [min / 1.15, max * 1.15] : [0.1, 1]) }
          : {},
      },
      axes: [
        {
          ...axisStyle,
          label: this.xLabel,
          labelSize: 18,
          labelFont: '12px system-ui, sans-serif',
          font: '11px system-ui, sans-serif',
        },
        {
          ...axisStyle,
          size: 56,
          font: '11px system-ui, sans-serif', // Log axes pass null for the minor ticks they leave unlabelled.
          values: (_u, ticks) => ticks.map((t) => (t == null ? '' : formatNumber(t))),
        },
      ],
      series: [
        {},
        ...this.series.map((s, i) => ({
          label: s.label,
          stroke: this.colorOf(s, i),
          width: colors.lineWidth,
          spanGaps: true,
          // Markers only where a line alone would hide the data: a series of a few points, or a single one.
          points: { show: sparsePoints, size: 6, fill: this.colorOf(s, i) },
        })),
        ...bands.series,
      ],
      hooks: {
        setCursor: [(u) => this.onCursor(u)],
        setSelect: [(u) => this.onSelect(u)],
      },
    };
    this.plot = new uPlot(options, this.alignedData(), container);
  }

  private destroyPlot(): void {
    this.plot?.destroy();
    this.plot = null;
    this.structure = '';
  }

  private applyVisibility(): void {
    const plot = this.plot;
    if (!plot) return;
    this.series.forEach((s, i) => {
      const show = !this.hiddenKeys.has(keyOf(s));
      if (plot.series[i + 1].show !== show) plot.setSeries(i + 1, { show });
    });
    // A band's edges hide with their line, so a hidden group leaves no shading behind.
    bandLines(this.series).forEach((edge, k) => {
      const index = this.series.length + 1 + k;
      const show = !this.hiddenKeys.has(keyOf(this.series[edge.owner]));
      if (plot.series[index].show !== show) plot.setSeries(index, { show });
    });
  }

  private onCursor(u: uPlot): void {
    const left = u.cursor.left;
    this.cursorX = left == null || left < 0 ? null : u.posToVal(left, 'x');
  }

  /** A drag selects an x range: zoom to it and decimate again at the new scale, so detail appears. */
  private onSelect(u: uPlot): void {
    if (u.select.width < 2) return;
    const from = u.posToVal(u.select.left, 'x');
    const to = u.posToVal(u.select.left + u.select.width, 'x');
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (to > from) this.zoom = [from, to];
  }

  private toggle(s: ChartSeries): void {
    const key = keyOf(s);
    const hidden = !this.hiddenKeys.has(key);
    const next = new Set(this.hiddenKeys);
    if (hidden) next.add(key);
    else next.delete(key);
    this.hiddenKeys = next;
    this.dispatchEvent(
      new CustomEvent<SeriesToggleDetail>('series-toggle', { detail: { key, hidden }, bubbles: true, composed: true }),
    );
  }

  /** The value shown in the legend: at the cursor's x, else the last one logged. */
  private legendValue(s: ChartSeries): number | null {
    const n = Math.min(s.xs.length, s.ys.length);
    if (n === 0) return null;
    if (this.cursorX === null) return s.ys[n - 1];
    const i = nearestIndex(s.xs, this.cursorX);
    return i < 0 ? null : s.ys[i];
  }

  /** The chart, its title and its legend as a PNG image. */
  async toPngBlob(): Promise<Blob> {
    const canvas = this.plot?.ctx.canvas ?? null;
    return chartToPng({
      title: this.title,
      canvas,
      legend: this.series.map((s, i) => ({
        label: s.label,
        color: this.colorOf(s, i),
        hidden: this.hiddenKeys.has(keyOf(s)),
      })),
      colors: chartColors(this),
    });
  }

  private download(): Promise<void> {
    return downloadChartPng(this);
  }

  render() {
    const hasData = this.hasData;
    return html`
      <header>
        <h3>${this.title}</h3>
        ${this.zoom ? html`<span class="hint">Double-click to zoom out</span>` : nothing}
        ${
          this.downloadable && hasData
            ? html`<button type="button" aria-label="Download ${this.title} chart as PNG" @click=${this.download}>PNG</button>`
            : nothing
        }
      </header>
      <div class="plot" role="img" aria-label=${this.title}>
        ${hasData ? nothing : html`<div class="empty" style="height:${this.height}px">No data to draw yet.</div>`}
      </div>
      ${
        hasData
          ? html`<ul aria-label="${this.title} legend">
            ${this.series.map((s, i) => {
              const value = this.legendValue(s);
              const shown = !this.hiddenKeys.has(keyOf(s));
              return html`<li>
                <button type="button" aria-pressed=${shown ? 'true' : 'false'} title="${shown ? 'Hide' : 'Show'} ${s.label}" @click=${() => this.toggle(s)}>
                  <span class="swatch" style="background:${this.colorOf(s, i)}"></span>
                  <span>${s.label}</span>
                  <span class="value">${value === null ? '–' : formatNumber(value)}</span>
                </button>
              </li>`;
            })}
          </ul>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metric-chart': MetricChart;
  }
}
