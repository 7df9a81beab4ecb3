import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../../format';
import type { Run } from '../../tracking';
import { compareChange } from './compare-change';
import type { DiffRow } from './diff';
import { decideWinner } from './winner';
import { touchTargets } from '../primitives/touch-targets';
import { runHref } from '../links';

/** A class looks at the top of the ranking; the diff table lists every run. */
const RANKING_SHOWN = 10;
const OTHER_VALUES_SHOWN = 6;

/** The other runs' values of a param, distinct, a few of them: "vs 0.1, 0.001 and 3 more". */
function othersText(values: readonly (string | number | undefined)[], winner: string | undefined): string {
  const others = [...new Set(values.filter((v) => v !== winner).map((v) => (v === undefined ? '—' : String(v))))];
  const shown = others.slice(0, OTHER_VALUES_SHOWN).join(', ');
  return others.length > OTHER_VALUES_SHOWN ? `${shown} and ${others.length - OTHER_VALUES_SHOWN} more` : shown;
}

/**
 * `<compare-summary>`: the answer first — which run won on the chosen metric, by how much, and which settings
 * differ between the runs (the winner's value highlighted), so a class sees the result before the details.
 *
 * @fires compare-change - `{ winBy }` when another metric is chosen to decide the winner.
 */
@customElement('compare-summary')
export class CompareSummary extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    .card { display: grid; grid-template-columns: minmax(280px, 1fr) 2fr; gap: 0; background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: 10px; overflow: hidden; }
    @media (max-width: 719px) { .card { grid-template-columns: 1fr; } }
    .winner { padding: 16px 20px; background: linear-gradient(135deg, color-mix(in srgb, var(--tf-color-success) 12%, var(--tf-color-surface)), color-mix(in srgb, var(--tf-color-success) 12%, var(--tf-color-surface))); border-right: 1px solid var(--tf-color-border); }
    .star { color: var(--tf-color-warning); font-size: var(--tf-font-size-lg); }
    .label { font-size: var(--tf-font-size-sm); text-transform: uppercase; letter-spacing: .05em; color: var(--tf-color-text-muted); display: flex; gap: 6px; align-items: center; }
    .name { font-size: 24px; font-weight: 700; margin: 6px 0 2px; display: flex; align-items: center; gap: 10px; }
    .name a { color: var(--tf-color-text); text-decoration: none; }
    .name a:hover { text-decoration: underline; }
    .dot { width: 14px; height: 14px; border-radius: 50%; flex: none; }
    .score { font-size: var(--tf-font-size-lg); color: var(--tf-color-text); }
    .score strong { font-size: var(--tf-font-size-xl); color: var(--tf-color-success); font-variant-numeric: tabular-nums; }
    .margin { font-size: var(--tf-font-size); color: var(--tf-color-text-muted); margin-top: 4px; }
    .why { padding: 16px 20px; min-width: 0; }
    ol { margin: 8px 0 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 4px; }
    li { display: grid; grid-template-columns: 22px minmax(100px, 180px) 1fr; gap: 8px; align-items: center; font-size: var(--tf-font-size); }
    .rank { color: var(--tf-color-text-muted); text-align: right; font-variant-numeric: tabular-nums; }
    .bar { height: 10px; border-radius: 5px; min-width: 2px; }
    .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .value { font-variant-numeric: tabular-nums; color: var(--tf-color-text-muted); margin-left: 6px; }
    .params { margin-top: 14px; display: flex; flex-wrap: wrap; gap: 8px; }
    .param { border: 1px solid var(--tf-color-border); border-radius: 16px; padding: 3px 10px; font-size: var(--tf-font-size); background: var(--tf-color-surface-2); }
    .param b { color: var(--tf-color-success); }
    select { font: inherit; font-size: var(--tf-font-size); }
    p { margin: 8px 0 0; color: var(--tf-color-text-muted); font-size: var(--tf-font-size); }
  `,
  ];

  @property({ attribute: false }) runs: Run[] = [];
  @property({ attribute: false }) rows: DiffRow[] = [];
  @property({ attribute: false }) colors: ReadonlyMap<string, string> = new Map();
  @property({ attribute: false }) winBy: string | null = null;

  render() {
    const result = decideWinner(this.runs, this.rows, this.winBy);
    if (!result) return nothing;
    const { metric } = result;
    const metrics = this.rows.filter((r) => r.section === 'metric').map((r) => r.key);
    const [first, second] = result.ranking;
    const values = result.ranking.map((r) => r.value);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    // Bar length = how good a run is relative to the winner (ratio for positive values, else position in range).
    const goodness = (v: number) =>
      lo > 0
        ? result.direction === 'max'
          ? v / hi
          : lo / v
        : hi > lo
          ? (result.direction === 'max' ? v - lo : hi - v) / (hi - lo)
          : 1;
    const barWidth = (v: number) => Math.max(2, 100 * goodness(v));
    const winnerParams = first.run.data.params;
    return html`<div class="card" role="region" aria-label="Winner">
      <div class="winner">
        <div class="label"><span class="star" aria-hidden="true">★</span> Best on
          <select aria-label="Decide the winner by" @change=${(e: Event) => compareChange(this, { winBy: (e.target as HTMLSelectElement).value })}>
            ${metrics.map((m) => html`<option ?selected=${m === metric}>${m}</option>`)}
          </select>
        </div>
        <div class="name"><span class="dot" style="background:${this.colors.get(first.run.info.runId)}"></span>
          <a href=${runHref(first.run.info.runId)}>${first.run.info.runName || first.run.info.runId}</a></div>
        <div class="score">${metric} <strong>${formatNumber(first.value)}</strong> · ${result.direction === 'min' ? 'lowest' : 'highest'} is best</div>
        ${
          second
            ? html`<div class="margin">${formatNumber(Math.abs(first.value - second.value))} ${result.direction === 'min' ? 'lower' : 'higher'} than the runner-up, ${second.run.info.runName}</div>`
            : nothing
        }
      </div>
      <div class="why">
        <div class="label">Ranking on ${metric}</div>
        <ol>
          ${result.ranking.slice(0, RANKING_SHOWN).map(
            (entry, i) => html`<li>
            <span class="rank">${i + 1}</span>
            <span class="who">${entry.run.info.runName || entry.run.info.runId}<span class="value">${formatNumber(entry.value)}</span></span>
            <span class="bar" style="width:${barWidth(entry.value)}%;background:${this.colors.get(entry.run.info.runId)}"></span>
          </li>`,
          )}
        </ol>
        ${
          result.ranking.length > RANKING_SHOWN
            ? html`<p>…and ${result.ranking.length - RANKING_SHOWN} more; the table below has them all.</p>`
            : nothing
        }
        ${
          result.differingParams.length
            ? html`<div class="params" aria-label="Settings that differ">
              ${result.differingParams.map(
                (
                  p,
                ) => html`<span class="param">${p.key}: <b title="the winner's value">${winnerParams[p.key] ?? '—'}</b>
                <span class="value">vs ${othersText(p.values, winnerParams[p.key])}</span></span>`,
              )}
            </div>`
            : html`<p>All runs used the same params; differences come from randomness or data.</p>`
        }
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-summary': CompareSummary;
  }
}
