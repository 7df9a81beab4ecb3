import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { svgToPng } from './chart-png';
import { downloadBlob, safeFileName } from './download';

/** Fonts and colours written as SVG attributes, so a downloaded PNG looks like the chart on screen. */
export const SVG_FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
export const AXIS_COLOR = '#57606a';
export const GRID_COLOR = '#eaeef2';

/**
 * What the per-run SVG charts (scatter, box plot, parallel coordinates) share: a titled card with a PNG
 * button, a width that follows the card (ResizeObserver), and a hover tooltip. Not an element itself.
 */
export abstract class SvgChartElement extends LitElement {
  static styles = css`
    :host { display: block; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; min-width: 0; position: relative; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin-bottom: 4px; min-height: 24px; }
    h3 { font-size: 14px; margin: 0; flex: 1 1 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: #1c2128; }
    header button, .actions button { font: inherit; font-size: 12px; padding: 2px 8px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
    .body { position: relative; }
    svg { display: block; overflow: visible; }
    svg a { cursor: pointer; outline: none; }
    svg a:focus-visible circle, svg a:hover circle { stroke: #1c2128; stroke-width: 2; }
    .tooltip { position: absolute; pointer-events: none; background: #1c2128; color: #fff; font-size: 12px; padding: 6px 8px; border-radius: 6px; white-space: nowrap; transform: translate(-50%, calc(-100% - 10px)); z-index: 3; }
    .tooltip b { display: block; }
    .empty { display: grid; place-items: center; color: #57606a; font-size: 13px; background: #f6f8fa; border-radius: 6px; }
    .note { font-size: 12px; color: #57606a; margin: 4px 0 0; }
  `;

  @property() title = '';
  @property({ type: Number }) height = 300;
  @state() protected width = 0;
  @state() protected tooltip: { x: number; y: number; content: TemplateResult } | null = null;

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
    return svgToPng(svg, this.title);
  }

  private async download(): Promise<void> {
    try {
      downloadBlob(await this.toPngBlob(), safeFileName(this.title, 'png'));
    } catch (error) {
      this.dispatchEvent(new CustomEvent('tabflow-error', { detail: error, bubbles: true, composed: true }));
    }
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
