import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../../charts/format';
import type { RunGroup } from '../runs-table/grouping';
import { compareChange } from './compare-change';
import type { DiffRow } from './diff';
import { groupLabel, groupVerdict } from './group-bands';
import { defaultWinningMetric } from './winner';
import { touchTargets } from '../primitives/touch-targets';

/**
 * `<compare-group-summary>`: the winner panel when runs are grouped — groups ranked by their mean on the chosen
 * metric (± std, n), and one sentence saying whether the best group's lead is larger than the spread between
 * its seeds (Welch's t-test against the runner-up).
 *
 * @fires compare-change - `{ winBy }` when another metric is chosen.
 */
@customElement('compare-group-summary')
export class CompareGroupSummary extends LitElement {
  static styles = [
    touchTargets,
    css`
    :host { display: block; }
    .card { background: var(--tf-color-surface); border: 1px solid var(--tf-color-border); border-radius: var(--tf-radius-lg); padding: var(--tf-space-4) var(--tf-space-5); }
    .label { font-size: var(--tf-font-size-sm); text-transform: uppercase; letter-spacing: .05em; color: var(--tf-color-text-muted); display: flex; gap: var(--tf-space-2); align-items: center; }
    .verdict { font-size: var(--tf-font-size-lg); color: var(--tf-color-text); margin: var(--tf-space-3) 0; line-height: 1.4; }
    ol { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: var(--tf-space-1); }
    li { display: grid; grid-template-columns: 22px minmax(120px, 260px) 1fr; gap: var(--tf-space-2); align-items: center; font-size: var(--tf-font-size); }
    .rank { color: var(--tf-color-text-muted); text-align: right; font-variant-numeric: tabular-nums; }
    .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: flex; align-items: center; gap: var(--tf-space-2); }
    .dot { width: 12px; height: 12px; border-radius: 50%; flex: none; }
    .value { font-variant-numeric: tabular-nums; color: var(--tf-color-text-muted); }
    /* On a phone the numbers go under the group's name instead of being squeezed into a word-wide column. */
    @media (max-width: 719px) { li { grid-template-columns: 22px 1fr; } .value { grid-column: 2; white-space: nowrap; } }
    select { font: inherit; font-size: var(--tf-font-size); }
  `,
  ];

  @property({ attribute: false }) groups: RunGroup[] = [];
  @property({ attribute: false }) rows: DiffRow[] = [];
  @property({ attribute: false }) colors: ReadonlyMap<string, string> = new Map();
  @property({ attribute: false }) winBy: string | null = null;

  render() {
    const metrics = this.rows.filter((r) => r.section === 'metric').map((r) => r.key);
    const metric = this.winBy && metrics.includes(this.winBy) ? this.winBy : defaultWinningMetric(metrics);
    const direction = this.rows.find((r) => r.section === 'metric' && r.key === metric)?.direction;
    const verdict = metric && direction ? groupVerdict(this.groups, metric, direction) : null;
    if (!metric || !verdict) return nothing;
    return html`<div class="card" role="region" aria-label="Winner">
      <div class="label"><span aria-hidden="true">★</span> Best group on
        <select aria-label="Decide the winner by" @change=${(e: Event) => compareChange(this, { winBy: (e.target as HTMLSelectElement).value })}>
          ${metrics.map((m) => html`<option ?selected=${m === metric}>${m}</option>`)}
        </select>
        · ${verdict.direction === 'min' ? 'lowest' : 'highest'} mean is best
      </div>
      <p class="verdict" role="status">${verdict.sentence}</p>
      <ol aria-label="Groups ranked on ${metric}">
        ${verdict.ranking.map(
          (standing, i) => html`<li>
          <span class="rank">${i + 1}</span>
          <span class="who"><span class="dot" style="background:${this.colors.get(standing.group.id)}"></span>${groupLabel(standing.group)}</span>
          <span class="value">${formatNumber(standing.description.mean)} ± ${formatNumber(standing.description.std)} · n = ${standing.description.n}</span>
        </li>`,
        )}
      </ol>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-group-summary': CompareGroupSummary;
  }
}
