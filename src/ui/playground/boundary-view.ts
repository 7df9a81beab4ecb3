import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { boundaryPixels, type ColorScale } from '../../ml/boundary-palette';
import { drawScene } from '../../ml/boundary-scene';
import type { Dataset } from '../../ml/dataset';
import type { BoundaryGrid } from '../../ml/training-messages';

/**
 * `<boundary-view>`: the data as a scatter and, once a model trains, its decision boundary as a heatmap under
 * the points — the same picture the worker saves as the run's PNG.
 */
@customElement('boundary-view')
export class BoundaryView extends LitElement {
  static styles = css`
    :host { display: block; }
    canvas { display: block; width: 100%; aspect-ratio: 1; border: 1px solid var(--tf-color-border); border-radius: 6px; background: var(--tf-color-surface); }
  `;

  @property({ attribute: false }) data: Dataset | null = null;
  @property({ attribute: false }) scale: ColorScale | null = null;
  @property({ attribute: false }) grid: BoundaryGrid | null = null;
  /** The canvas's accessible name. */
  @property() label = 'Dataset preview';
  /** Drawn size in CSS pixels (the canvas is square). */
  @property({ type: Number }) size = 300;

  @query('canvas') private canvas!: HTMLCanvasElement;
  private image: OffscreenCanvas | null = null;

  render() {
    const pixels = Math.round(this.size * Math.min(2, window.devicePixelRatio || 1));
    return html`<canvas role="img" aria-label=${this.label} width=${pixels} height=${pixels} style="max-width:${this.size}px"></canvas>`;
  }

  updated(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    if (!this.data || !this.scale) {
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      return;
    }
    drawScene<OffscreenCanvas>(
      ctx,
      this.canvas.width,
      this.canvas.height,
      { data: this.data, scale: this.scale, grid: this.grid },
      this.heatmap(),
    );
  }

  /** The grid one pixel per cell, for drawScene to stretch over the canvas; the image is reused between redraws. */
  private heatmap(): OffscreenCanvas | undefined {
    const grid = this.grid;
    if (!grid || !this.scale) return undefined;
    if (this.image?.width !== grid.width || this.image.height !== grid.height)
      this.image = new OffscreenCanvas(grid.width, grid.height);
    this.image
      .getContext('2d')
      ?.putImageData(new ImageData(boundaryPixels(grid.values, this.scale), grid.width, grid.height), 0, 0);
    return this.image;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'boundary-view': BoundaryView;
  }
}
