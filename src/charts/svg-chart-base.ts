import { LitElement, css, html, nothing, type CSSResultGroup, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { svgToPng } from './chart-png';
import { AppearanceController, chartColors, type ChartColors } from './chart-theme';
import { downloadChartPng } from './download';

/** Fonts and colours are written as SVG attributes, so a downloaded PNG looks like the chart on screen. */
export const SVG_FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

/**
 * What the per-run SVG charts (scatter, box plot, parallel coordinates) share: a titled card with a PNG
 * button, a width that follows the card (ResizeObserver), and a hover tooltip. Not an element itself.
 */
export abstract class SvgChartElement extends LitElement {
  static styles: CSSResultGroup = css`
    :host { display: block; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 8px; padding: 10px 12px; min-width: 0; position: relative; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-bottom: 4px; min-height: 24px; }
    h3 { font-size: var(--tf-font-size); margin: 0; flex: 1 1 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--tf-color-text); }
    header button, .actions button { font: inherit; font-size: var(--tf-font-size-sm); padding: 2px 8px; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface-2); cursor: pointer; }
    .body { position: relative; }
    svg { display: block; overflow: visible; }
    svg a { cursor: pointer; outline: none; }
    svg a:focus-visible circle, svg a:hover circle { stroke: var(--tf-color-text); stroke-width: 2; }
    .tooltip { position: absolute; pointer-events: none; background: var(--tf-color-text); color: var(--tf-color-on-accent); font-size: var(--tf-font-size-sm); padding: 6px 8px; border-radius: 6px; white-space: nowrap; transform: translate(-50%, calc(-100% - 10px)); z-index: 3; }
    .tooltip b { display: block; }
    .empty { display: grid; place-items: center; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); background: var(--tf-color-surface-2); border-radius: 6px; }
    .note { font-size: var(--tf-font-size-sm); color: var(--tf-color-text-muted); margin: 4px 0 0; }
  `;

  @property() title = '';
  @property({ type: Number }) height = 300;
  @state() protected width = 0;
  @state() protected tooltip: { x: number; y: number; content: TemplateResult } | null = null;

  constructor() {
    super();
    new AppearanceController(this);
  }

  /** The theme's colours, resolved for SVG attributes (read at each render, so a theme change redraws). */
  protected get colors(): ChartColors {
    return chartColors(this);
  }

  private resizeObserver = new ResizeObserver((entries) => {
    const width = Math.floor(entries[0].contentRect.width);
    if (width !== this.width) this.width = width;
  });

  connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  /** The chart's SVG, or nothing when there is no data (the subclass then shows why). */
  protected abstract renderChart(): TemplateResult | typeof nothing;

  protected showTooltip(x: number, y: number, content: TemplateResult): void {
    this.tooltip = { x, y, content };
  }

  protected hideTooltip(): void {
    this.tooltip = null;
  }

  async toPngBlob(): Promise<Blob> {
    const svg = this.renderRoot.querySelector('svg');
    if (!svg) throw new Error(`The chart “${this.title}” has nothing to save yet.`);
    return svgToPng(svg, this.title, this.colors);
  }

  private download(): Promise<void> {
    return downloadChartPng(this);
  }

  render() {
    const chart = this.width > 0 ? this.renderChart() : nothing;
    return html`
      <header>
        <h3>${this.title}</h3>
        <slot name="controls"></slot>
        ${chart === nothing ? nothing : html`<button type="button" aria-label="Download ${this.title} chart as PNG" @click=${this.download}>PNG</button>`}
      </header>
      <div class="body">
        ${chart === nothing ? html`<div class="empty" style="height:${this.height}px">${this.emptyMessage()}</div>` : chart}
        ${this.tooltip ? html`<div class="tooltip" style="left:${this.tooltip.x}px;top:${this.tooltip.y}px">${this.tooltip.content}</div>` : nothing}
      </div>
      ${this.renderNote()}
    `;
  }

  protected emptyMessage(): string {
    return 'Nothing to draw yet.';
  }

  protected renderNote(): TemplateResult | typeof nothing {
    return nothing;
  }
}
