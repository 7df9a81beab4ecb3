import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { inkFromRgba, toMnistDigit } from '../../ml/image-preprocess';
import type { PredictService } from '../../ml/predict-api';
import { errorMessage } from '../services';
import { touchTargets } from '../primitives/touch-targets';

/** The drawing surface's side in CSS pixels; strokes are a tenth of it, about MNIST's pen on 28 px. */
const SIDE = 224;
const PEN_WIDTH = 18;
/** While drawing, a prediction at most this often (each one is a worker round trip). */
const LIVE_EVERY_MS = 150;

interface ClassProbability {
  label: string;
  probability: number;
}

/**
 * `<digit-draw>`: a canvas labelled "Draw a digit" (mouse, touch or pen, through pointer events) with a
 * "Clear" button and "Upload an image", and the model's class probabilities, live, as a list labelled
 * "Probabilities" whose items read "<class>: <percent>". The drawing is made MNIST-like (src/ml/image-preprocess.ts)
 * and predicted by the prediction worker from any stored model: `uri` is runs:/… or models:/….
 */
@customElement('digit-draw')
export class DigitDraw extends LitElement {
  static styles = [
    touchTargets,
    css`
      :host { display: block; }
      .layout { display: flex; flex-wrap: wrap; gap: var(--tf-space-4); align-items: flex-start; }
      .pad { display: grid; gap: var(--tf-space-2); justify-items: start; }
      canvas { width: ${SIDE}px; height: ${SIDE}px; touch-action: none; cursor: crosshair; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius); }
      canvas:focus-visible { outline: 2px solid var(--tf-color-focus); outline-offset: 2px; }
      .buttons { display: flex; gap: var(--tf-space-2); flex-wrap: wrap; align-items: center; }
      button, .upload { font: inherit; font-size: var(--tf-font-size); padding: var(--tf-space-1) var(--tf-space-3); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); background: var(--tf-color-surface-2); color: var(--tf-color-text); cursor: pointer; }
      .upload input { position: absolute; width: 1px; height: 1px; opacity: 0; }
      .upload:focus-within { outline: 2px solid var(--tf-color-focus); }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; min-width: 200px; font-variant-numeric: tabular-nums; font-size: var(--tf-font-size); }
      li { display: grid; grid-template-columns: 7em 1fr; align-items: center; gap: var(--tf-space-2); }
      li.top { font-weight: 600; }
      .bar { height: 10px; background: var(--tf-color-accent); border-radius: 2px; min-width: 1px; }
      .hint, .empty { color: var(--tf-color-text-muted); font-size: var(--tf-font-size-sm); margin: 0; }
      .error { color: var(--tf-color-danger); font-size: var(--tf-font-size); margin: 0; }
    `,
  ];

  @property({ attribute: false }) predict?: PredictService;
  /** The stored model to ask: runs:/<id>/model or models:/<name>@<alias>. */
  @property() uri = '';
  @state() private probabilities: ClassProbability[] = [];
  @state() private problem = '';
  @query('canvas') private canvas!: HTMLCanvasElement;
  private drawing = false;
  private last: { x: number; y: number } | null = null;
  private lastPrediction = 0;
  private pending: AbortController | null = null;

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pending?.abort();
  }

  protected firstUpdated(): void {
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(SIDE * ratio);
    this.canvas.height = Math.round(SIDE * ratio);
    this.clear();
  }

  willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('uri') && changed.get('uri') !== undefined) this.probabilities = [];
  }

  private context(): CanvasRenderingContext2D {
    return this.canvas.getContext('2d', { willReadFrequently: true })!;
  }

  private clear(): void {
    const ctx = this.context();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.pending?.abort();
    this.probabilities = [];
    this.problem = '';
  }

  private point(event: PointerEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * this.canvas.width,
      y: ((event.clientY - rect.top) / rect.height) * this.canvas.height,
    };
  }

  private onDown(event: PointerEvent): void {
    this.canvas.setPointerCapture(event.pointerId);
    this.drawing = true;
    this.last = this.point(event);
    this.stroke(this.last);
  }

  private onMove(event: PointerEvent): void {
    if (!this.drawing) return;
    this.stroke(this.point(event));
    if (performance.now() - this.lastPrediction > LIVE_EVERY_MS) void this.predictDrawing();
  }

  private onUp(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.last = null;
    void this.predictDrawing();
  }

  private stroke(to: { x: number; y: number }): void {
    const ctx = this.context();
    const from = this.last ?? to;
    // Plain black, not a theme colour: the pixels are read back as ink, whatever the theme.
    ctx.strokeStyle = '#000';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = PEN_WIDTH * (this.canvas.width / SIDE);
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
    this.last = to;
  }

  private async predictDrawing(): Promise<void> {
    const { width, height } = this.canvas;
    const pixels = this.context().getImageData(0, 0, width, height).data;
    await this.predictInk(inkFromRgba(pixels, width, height), width, height);
  }

  private async onUpload(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const bitmap = await createImageBitmap(file);
      // Drawn at most 280 px wide: enough detail for 28 × 28, and a phone photo does not cost a 12 MP read.
      const scale = Math.min(1, 280 / Math.max(bitmap.width, bitmap.height));
      const canvas = new OffscreenCanvas(
        Math.max(1, Math.round(bitmap.width * scale)),
        Math.max(1, Math.round(bitmap.height * scale)),
      );
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      const digit = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      await this.predictInk(inkFromRgba(digit, canvas.width, canvas.height), canvas.width, canvas.height);
    } catch (error) {
      this.problem = `“${file.name}” could not be read as an image (${errorMessage(error)}). Choose a PNG, JPEG, GIF or WebP file.`;
    }
  }

  private async predictInk(ink: Float32Array, width: number, height: number): Promise<void> {
    const digit = toMnistDigit(ink, width, height);
    if (!digit || !this.predict || !this.uri) return;
    this.lastPrediction = performance.now();
    this.pending?.abort();
    const controller = (this.pending = new AbortController());
    try {
      const [prediction] = await this.predict.predictPoints(controller.signal, this.uri, [Array.from(digit)]);
      if (controller.signal.aborted) return;
      this.problem = '';
      this.probabilities = prediction.outputs.map((probability, c) => ({ label: String(c), probability }));
    } catch (error) {
      if (!controller.signal.aborted) this.problem = errorMessage(error);
    }
  }

  render() {
    const best = this.probabilities.reduce((b, p, i, all) => (p.probability > all[b].probability ? i : b), 0);
    return html`
      <div class="layout">
        <div class="pad">
          <canvas role="img" aria-label="Draw a digit" tabindex="0" @pointerdown=${this.onDown} @pointermove=${this.onMove}
            @pointerup=${this.onUp} @pointercancel=${this.onUp}></canvas>
          <div class="buttons">
            <button type="button" @click=${this.clear}>Clear</button>
            <label class="upload">Upload an image<input type="file" accept="image/*" @change=${this.onUpload} /></label>
          </div>
          <p class="hint">Draw one digit large, in the middle; it is scaled to 28 × 28 like the training digits.</p>
        </div>
        <div>
          ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
          ${
            this.probabilities.length === 0
              ? html`<p class="empty">Draw a digit or upload an image to see what the model thinks it is.</p>`
              : html`<ol aria-label="Probabilities">
                ${this.probabilities.map(
                  (
                    p,
                    i,
                  ) => html`<li class=${i === best ? 'top' : ''}><span>${p.label}: ${(p.probability * 100).toFixed(1)}%</span>
                    <span class="bar" style=${styleMap({ width: `${Math.max(0.5, p.probability * 100)}%` })} aria-hidden="true"></span></li>`,
                )}
              </ol>`
          }
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'digit-draw': DigitDraw;
  }
}
