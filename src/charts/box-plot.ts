/**
 * `<box-plot>`: a metric's spread grouped by the values of one param (e.g. val_accuracy by optimizer). Each
 * group draws a Tukey box (quartiles, median, 1.5 IQR whiskers) with every run on top as a dot in its colour —
 * with a handful of runs per group the dots say more than the box.
 *
 * Properties: `groups: BoxGroup[]`, `title`, `valueLabel`, `groupLabel`, `height` (px, default 300).
 */
import { html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { niceTicks } from './axis-scale';
import { boxStats } from './box-stats';
import { formatNumber } from './format';
import { withAlpha } from './chart-theme';
import { SVG_FONT, SvgChartElement } from './svg-chart-base';

export interface BoxGroup {
  label: string;
  points: { key: string; label: string; color: string; value: number; href?: string }[];
}

const MARGIN = { left: 64, right: 20, top: 12, bottom: 58 };

/** A stable offset in [-0.5, 0.5) from a key (FNV-1a hash). */
function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32 - 0.5;
}

@customElement('box-plot')
export class BoxPlot extends SvgChartElement {
  @property({ attribute: false }) groups: BoxGroup[] = [];
  @property() valueLabel = '';
  @property() groupLabel = '';

  protected emptyMessage(): string {
    return 'No run has this metric and param.';
  }

  protected renderChart() {
    const groups = this.groups.filter((g) => g.points.length > 0);
    const values = groups.flatMap((g) => g.points.map((p) => p.value));
    if (values.length === 0) return nothing;
    let lo = Math.min(...values);
    let hi = Math.max(...values);
    const pad = (hi - lo) * 0.08 || Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
    const w = this.width;
    const h = this.height;
    const innerW = w - MARGIN.left - MARGIN.right;
    const innerH = h - MARGIN.top - MARGIN.bottom;
    const toY = (v: number) => MARGIN.top + (1 - (v - lo) / (hi - lo)) * innerH;
    const slot = innerW / groups.length;
    const boxWidth = Math.min(80, slot * 0.5);
    const c = this.colors;
    return html`<svg width=${w} height=${h} role="group" aria-label=${this.title} font-family=${SVG_FONT} font-size="11">
      <rect x="0" y="0" width=${w} height=${h} fill=${c.surface}></rect>
      ${niceTicks(lo, hi, 5).map(
        (t) => svg`<line x1=${MARGIN.left} x2=${w - MARGIN.right} y1=${toY(t)} y2=${toY(t)} stroke=${c.grid}></line>
        <text x=${MARGIN.left - 6} y=${toY(t)} dy="0.32em" text-anchor="end" fill=${c.muted}>${formatNumber(t)}</text>`,
      )}
      <rect x=${MARGIN.left} y=${MARGIN.top} width=${innerW} height=${innerH} fill="none" stroke=${c.border}></rect>
      <text transform="translate(14 ${MARGIN.top + innerH / 2}) rotate(-90)" text-anchor="middle" fill=${c.text} font-size="12">${this.valueLabel}</text>
      <text x=${MARGIN.left + innerW / 2} y=${h - 6} text-anchor="middle" fill=${c.text} font-size="12">${this.groupLabel}</text>
      ${groups.map((group, g) => {
        const stats = boxStats(group.points.map((p) => p.value))!;
        const cx = MARGIN.left + slot * (g + 0.5);
        const left = cx - boxWidth / 2;
        return svg`<g>
          <line x1=${cx} x2=${cx} y1=${toY(stats.whiskerLow)} y2=${toY(stats.whiskerHigh)} stroke=${c.muted}></line>
          <line x1=${cx - boxWidth / 4} x2=${cx + boxWidth / 4} y1=${toY(stats.whiskerLow)} y2=${toY(stats.whiskerLow)} stroke=${c.muted}></line>
          <line x1=${cx - boxWidth / 4} x2=${cx + boxWidth / 4} y1=${toY(stats.whiskerHigh)} y2=${toY(stats.whiskerHigh)} stroke=${c.muted}></line>
          <rect x=${left} y=${toY(stats.q3)} width=${boxWidth} height=${Math.max(1, toY(stats.q1) - toY(stats.q3))} fill=${withAlpha(c.accent, 0.15)} stroke=${c.accent} rx="3"></rect>
          <line x1=${left} x2=${left + boxWidth} y1=${toY(stats.median)} y2=${toY(stats.median)} stroke=${c.accent} stroke-width="2.5"></line>
          <text x=${cx} y=${h - MARGIN.bottom + 16} text-anchor="middle" fill=${c.text} font-size="12">${group.label}</text>
          <text x=${cx} y=${h - MARGIN.bottom + 30} text-anchor="middle" fill=${c.muted}>n=${stats.count} · median ${formatNumber(stats.median)}</text>
          ${group.points.map((p) => {
            // A spread that depends only on the run, so equal values do not hide each other and a redraw does
            // not shuffle the dots.
            const x = cx + (group.points.length > 1 ? jitter(p.key) * boxWidth * 0.7 : 0);
            const y = toY(p.value);
            const tip = html`<b>${p.label}</b>${this.valueLabel}: ${formatNumber(p.value)}`;
            const enter = () => this.showTooltip(x, y, tip);
            return svg`<a href=${p.href ?? nothing} role="link" tabindex="0" aria-label="${p.label}: ${this.valueLabel} ${formatNumber(p.value)}"
              @pointerenter=${enter} @focus=${enter} @pointerleave=${this.hideTooltip} @blur=${this.hideTooltip}>
              <circle cx=${x} cy=${y} r="5" fill=${p.color} stroke=${c.surface} stroke-width="1.5"></circle></a>`;
          })}
        </g>`;
      })}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'box-plot': BoxPlot;
  }
}
