import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { CONFUSION_MATRIX_PATH } from '../../ml/confusion-file';
import { errorMessage, type AppServices } from '../services';

interface Examples {
  labels: string[];
  /** examples[actual][predicted]: positions in the sprite. */
  examples: number[][][];
  spriteUrl: string;
  count: number;
}

interface Cell {
  actual: number;
  predicted: number;
}

/** Reads the image part of a run's confusion_matrix.json (image-training.ts), or null when it has none. */
function readExamples(text: string): (Omit<Examples, 'spriteUrl'> & { sprite: string }) | null {
  const value = JSON.parse(text) as {
    labels?: unknown;
    examples?: unknown;
    example_sprite?: unknown;
    example_rows?: unknown;
  };
  if (typeof value.example_sprite !== 'string' || !Array.isArray(value.examples) || !Array.isArray(value.example_rows))
    return null;
  return {
    labels: Array.isArray(value.labels) ? value.labels.map(String) : [],
    examples: value.examples as number[][][],
    sprite: value.example_sprite,
    count: value.example_rows.length,
  };
}

/**
 * `<confusion-examples slot="cell">`: slotted into <run-confusion>, it shows the example images the run kept for
 * the confusion-matrix cell chosen there (cut out of confusion_examples.png), so clicking an off-diagonal cell
 * shows the images the model confused. It listens to `cell-select` on its parent, which the matrix fires.
 */
@customElement('confusion-examples')
export class ConfusionExamples extends LitElement {
  static styles = css`
    :host { display: block; margin-top: var(--tf-space-3); }
    .images { display: flex; flex-wrap: wrap; gap: var(--tf-space-2); }
    .image { background-repeat: no-repeat; image-rendering: pixelated; border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-sm); }
    p { margin: 0 0 var(--tf-space-2); font-size: var(--tf-font-size); color: var(--tf-color-text-muted); }
    .error { color: var(--tf-color-danger); }
  `;

  @property({ attribute: false }) services!: AppServices;
  @property() runId = '';
  @state() private data: Examples | null = null;
  @state() private cell: Cell | null = null;
  @state() private size = { width: 0, height: 0 };
  @state() private problem = '';
  private listenedTo: Element | null = null;
  private loaded = '';
  private readonly onSelect = (event: Event) => {
    this.cell = (event as CustomEvent<Cell | null>).detail;
  };

  connectedCallback(): void {
    super.connectedCallback();
    this.listenedTo = this.parentElement;
    this.listenedTo?.addEventListener('cell-select', this.onSelect);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listenedTo?.removeEventListener('cell-select', this.onSelect);
    if (this.data) URL.revokeObjectURL(this.data.spriteUrl);
    this.data = null;
    this.loaded = '';
  }

  willUpdate(): void {
    if (this.runId && this.runId !== this.loaded) void this.load(this.runId);
  }

  private async load(runId: string): Promise<void> {
    this.loaded = runId;
    const tracking = this.services.tracking;
    try {
      const files = await tracking.listArtifacts(runId);
      if (!files.some((f) => f.path === CONFUSION_MATRIX_PATH)) return;
      const found = readExamples(await (await tracking.getArtifact(runId, CONFUSION_MATRIX_PATH)).text());
      if (!found || !files.some((f) => f.path === found.sprite)) return;
      const blob = await tracking.getArtifact(runId, found.sprite);
      const bitmap = await createImageBitmap(blob);
      this.size = { width: bitmap.width / Math.max(1, found.count), height: bitmap.height };
      bitmap.close();
      if (this.loaded === runId) this.data = { ...found, spriteUrl: URL.createObjectURL(blob) };
    } catch (error) {
      this.problem = `The example images could not be read: ${errorMessage(error)}`;
    }
  }

  render() {
    if (this.problem) return html`<p class="error" role="alert">${this.problem}</p>`;
    const { data, cell } = this;
    if (!data || !cell) return nothing;
    const positions = data.examples[cell.actual]?.[cell.predicted] ?? [];
    const actual = data.labels[cell.actual] ?? String(cell.actual);
    const predicted = data.labels[cell.predicted] ?? String(cell.predicted);
    const what = cell.actual === cell.predicted ? `${actual}, predicted right` : `${actual} predicted as ${predicted}`;
    if (positions.length === 0) return html`<p>No examples of ${what}.</p>`;
    const { width, height } = this.size;
    return html`<p>Examples of ${what}:</p>
      <div class="images">
        ${positions.map(
          (position, i) => html`<div class="image" role="img" aria-label=${`Example ${i + 1}: ${what}`}
            style=${styleMap({ width: `${width}px`, height: `${height}px`, backgroundImage: `url("${data.spriteUrl}")`, backgroundPosition: `${-position * width}px 0` })}></div>`,
        )}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confusion-examples': ConfusionExamples;
  }
}
