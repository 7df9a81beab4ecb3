import type { ChartColors } from './chart-theme';

/**
 * Renders a chart for download: title on top, the plot canvas, then the legend, on the theme's opaque surface
 * (a transparent PNG looks broken on slides; the plot was drawn in the same theme's colours). Works from the canvas
 * uPlot already drew, so no re-render is needed.
 */
export interface PngLegendEntry {
  label: string;
  color: string;
  hidden?: boolean;
}

export async function chartToPng(options: {
  title: string;
  canvas: HTMLCanvasElement | null;
  legend?: PngLegendEntry[];
  /** Canvas pixels per CSS pixel; read from the canvas when it is on screen. */
  scale?: number;
  /** Background and text, the chart's theme as on screen (see chartColors). */
  colors: Pick<ChartColors, 'surface' | 'text'>;
}): Promise<Blob> {
  const { title, canvas, legend = [], colors } = options;
  const scale = options.scale ?? (canvas ? canvas.width / Math.max(1, canvas.clientWidth || canvas.width) : 1);
  const width = canvas?.width ?? Math.round(480 * scale);
  const pad = Math.round(12 * scale);
  const titleHeight = Math.round(28 * scale);
  const rowHeight = Math.round(18 * scale);
  const font = (size: number, weight = '') => `${weight} ${Math.round(size * scale)}px system-ui, sans-serif`;

  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = font(12);
  const rows: PngLegendEntry[][] = [[]];
  let rowWidth = pad;
  for (const entry of legend) {
    const entryWidth = measure.measureText(entry.label).width + 30 * scale;
    if (rowWidth + entryWidth > width - pad && rows[rows.length - 1].length > 0) {
      rows.push([]);
      rowWidth = pad;
    }
    rows[rows.length - 1].push(entry);
    rowWidth += entryWidth;
  }
  const legendHeight = legend.length ? rows.length * rowHeight + pad : 0;

  const out = document.createElement('canvas');
  out.width = width;
  out.height = titleHeight + (canvas?.height ?? 0) + legendHeight;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = colors.surface;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = colors.text;
  ctx.font = font(14, '600');
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, titleHeight / 2);
  if (canvas) ctx.drawImage(canvas, 0, titleHeight);

  ctx.font = font(12);
  let y = titleHeight + (canvas?.height ?? 0) + rowHeight / 2 + pad / 2;
  for (const row of rows) {
    let x = pad;
    for (const entry of row) {
      ctx.globalAlpha = entry.hidden ? 0.4 : 1;
      ctx.fillStyle = entry.color;
      ctx.fillRect(x, y - 1.5 * scale, 14 * scale, 3 * scale);
      ctx.fillStyle = colors.text;
      ctx.fillText(entry.label, x + 20 * scale, y);
      x += measure.measureText(entry.label).width + 30 * scale;
    }
    y += rowHeight;
  }
  ctx.globalAlpha = 1;
  return new Promise((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the chart as PNG.'))),
      'image/png',
    ),
  );
}

/**
 * An SVG chart as PNG, with its title on top. The SVG must carry its look in attributes (not in shadow-root
 * CSS, which a serialized copy loses). Drawn at twice the size so it stays sharp on a projector.
 */
export async function svgToPng(svg: SVGSVGElement, title: string, colors: ChartColors): Promise<Blob> {
  const width = svg.width.baseVal.value;
  const height = svg.height.baseVal.value;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const plot = document.createElement('canvas');
    plot.width = width * 2;
    plot.height = height * 2;
    plot.style.width = `${width}px`;
    const ctx = plot.getContext('2d')!;
    ctx.drawImage(image, 0, 0, plot.width, plot.height);
    return await chartToPng({ title, canvas: plot, scale: 2, colors });
  } finally {
    URL.revokeObjectURL(url);
  }
}
