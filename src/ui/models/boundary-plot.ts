import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { boundaryPixels, MARKER_COLOR, targetRange, type ColorScale } from '../../ml/boundary-palette';
import { drawScene } from '../../ml/boundary-scene';
import type { BoundaryResult } from '../../ml/predict-api';

export interface PlotPoint {
  x: number;
  y: number;
}

const SIZE = 360;

/**
 * A model's decision boundary over a dataset, with the data on top (the Playground's picture). Clicking the plot
 * reports the point clicked, in data coordinates, so the page can ask the model about it; the chosen point is
 * marked with a ring.
 *
 * @fires plot-click - detail: PlotPoint in the data's coordinates
 */
@customElement('boundary-plot')
export class BoundaryPlot extends LitElement {
  static styles = css`
    :host { display: inline-block; }
    canvas { width: ${SIZE}px; height: ${SIZE}px; border: 1px solid var(--tf-color-border); border-radius: 4px; cursor: crosshair; display: block; }
  `;

  @property({ attribute: false }) boundary: BoundaryResult | null = null;
  @property({ attribute: false }) marker: PlotPoint | null = null;
  @query('canvas') private canvas!: HTMLCanvasElement;

  protected updated(changed: PropertyValues<this>): void {
    if (changed.has('boundary') || changed.has('marker')) this.draw();
  }

  private draw(): void {
    const b = this.boundary;
    const ctx = this.canvas?.getContext('2d');
    if (!ctx) return;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = SIZE * ratio;
    this.canvas.height = SIZE * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (!b) {
      ctx.clearRect(0, 0, SIZE, SIZE);
      return;
    }
    const data = {
      name: b.datasetLabel,
      task: b.task,
      featureNames: ['x', 'y'],
      targetName: 'target',
      x: b.points,
      y: b.targets,
      numClasses: b.numClasses,
      classLabels: [],
    };
    const scale: ColorScale = {
      task: b.task,
      numClasses: b.numClasses,
      range: b.task === 'regression' ? targetRange(b.targets) : undefined,
    };
    // The grid painted one pixel per cell, which drawScene stretches (smoothed) over the plot.
    const heatmap = new OffscreenCanvas(b.width, b.height);
    heatmap.getContext('2d')?.putImageData(new ImageData(boundaryPixels(b.scores, scale), b.width, b.height), 0, 0);
    const grid = { width: b.width, height: b.height, bounds: b.bounds, values: b.scores };
    drawScene<OffscreenCanvas>(ctx, SIZE, SIZE, { data, scale, grid }, heatmap);
    if (this.marker) {
      const px = ((this.marker.x - b.bounds.xMin) / (b.bounds.xMax - b.bounds.xMin)) * SIZE;
      const py = ((b.bounds.yMax - this.marker.y) / (b.bounds.yMax - b.bounds.yMin)) * SIZE;
      ctx.lineWidth = 3;
      ctx.strokeStyle = MARKER_COLOR;
      ctx.beginPath();
      ctx.arc(px, py, 8, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  private onClick(e: MouseEvent): void {
    const b = this.boundary;
    if (!b) return;
    const rect = this.canvas.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    const point = {
      x: b.bounds.xMin + fx * (b.bounds.xMax - b.bounds.xMin),
      y: b.bounds.yMax - fy * (b.bounds.yMax - b.bounds.yMin),
    };
    this.dispatchEvent(new CustomEvent('plot-click', { detail: point }));
  }

  render() {
    const label = this.boundary
      ? `Decision boundary over ${this.boundary.datasetLabel}; click a spot to see the model's prediction there`
      : 'Decision boundary (not drawn yet)';
    return html`<canvas role="img" aria-label=${label} @click=${this.onClick}></canvas>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'boundary-plot': BoundaryPlot;
  }
}
