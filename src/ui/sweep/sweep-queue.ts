import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { describeSettings, type SweepSnapshot, type TrialView } from '../../sweep';
import { sweepStyles } from './sweep-styles';
import { formatDuration, formatNumber } from '../../format';
import { compareHref, runHref } from '../links';

/** Rows have a fixed height so only the visible ones are drawn, however many trials a sweep has. */
const ROW_HEIGHT = 30;
const VISIBLE_ROWS = 8;

const STATE_LABELS: Record<TrialView['state'], string> = {
  pending: 'pending',
  running: 'running',
  done: 'done',
  failed: 'failed',
  killed: 'killed',
  cancelled: 'never started',
};

function formatValue(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '–' : formatNumber(value);
}

/**
 * `<sweep-queue>`: a sweep's progress (a progress bar, counts, time left) and its trials, pending to done, each
 * linked to its run; once it ends, the best trial and a way to compare every trial.
 */
@customElement('sweep-queue')
export class SweepQueue extends LitElement {
  static styles = [
    sweepStyles,
    css`
      :host { display: grid; gap: 8px; }
      .bar { height: 10px; border-radius: 5px; background: color-mix(in srgb, var(--tf-color-border) 55%, transparent); overflow: hidden; }
      .bar { display: flex; }
      .bar > div { height: 100%; background: var(--tf-color-success); transition: width 0.2s; }
      .bar > div.skipped { background: var(--tf-color-border); }
      .counts { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: var(--tf-font-size); color: var(--tf-color-text); font-variant-numeric: tabular-nums; }
      .viewport { max-height: ${(VISIBLE_ROWS + 1) * ROW_HEIGHT}px; overflow-y: auto; border: 1px solid var(--tf-color-border); border-radius: 6px; }
      ol { list-style: none; margin: 0; padding: 0; position: relative; }
      li, .header { display: grid; grid-template-columns: 3em 1fr 8em 7em 3em; gap: 6px; align-items: center; padding: 0 8px; font-size: var(--tf-font-size); box-sizing: border-box; }
      li { position: absolute; left: 0; right: 0; height: ${ROW_HEIGHT}px; border-bottom: 1px solid color-mix(in srgb, var(--tf-color-border) 55%, transparent); font-variant-numeric: tabular-nums; }
      .header { position: sticky; top: 0; z-index: 1; height: ${ROW_HEIGHT}px; background: var(--tf-color-surface-2); border-bottom: 1px solid var(--tf-color-border); font-weight: 600; color: var(--tf-color-text-muted); }
      li > span, .header > span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .state-running { color: var(--tf-color-warning); font-weight: 600; }
      .state-done { color: var(--tf-color-success); }
      .state-failed, .state-killed { color: var(--tf-color-danger); }
      .state-cancelled, .state-pending { color: var(--tf-color-text-muted); }
      .best { margin: 0; font-size: var(--tf-font-size); background: color-mix(in srgb, var(--tf-color-success) 12%, var(--tf-color-surface)); border: 1px solid var(--tf-color-success); border-radius: 6px; padding: 8px 10px; }
    `,
  ];

  @property({ attribute: false }) snapshot!: SweepSnapshot;
  @state() private listScroll = 0;

  private compareHref(): string {
    const ids = this.snapshot.trials.flatMap((t) => (t.runId ? [t.runId] : []));
    return compareHref(ids);
  }

  private trialState(t: TrialView): string {
    if (t.state === 'done' && t.stoppedEarly) return 'stopped early';
    if (t.state === 'running') return `running ${t.epochsDone}/${t.epochs}`;
    return STATE_LABELS[t.state];
  }

  private row(t: TrialView) {
    const title = t.error ? `${describeSettings(t.settings)} — ${t.error}` : describeSettings(t.settings);
    return html`<li style="top:${t.index * ROW_HEIGHT}px">
      <span>#${t.index + 1}</span>
      <span class="settings" title=${title}>${describeSettings(t.settings)}</span>
      <span class="state-${t.state}">${this.trialState(t)}</span>
      <span>${formatValue(t.value ?? t.latest)}</span>
      ${t.runId ? html`<a href=${runHref(t.runId)} aria-label="Run of trial ${t.index + 1}">run</a>` : html`<span></span>`}
    </li>`;
  }

  private summary(): string {
    const s = this.snapshot;
    const { counts, total } = s.progress;
    const ended = total - counts.pending - counts.running;
    switch (s.status) {
      case 'starting':
        return `Starting a sweep of ${total} trials…`;
      case 'running':
        return `${ended} of ${total} trials ended · ${s.remainingMs === null ? 'estimating time left' : `about ${formatDuration(s.remainingMs)} left`}`;
      case 'cancelling':
        return 'Cancelling: stopping every worker…';
      case 'cancelled':
        return `Sweep cancelled after ${formatDuration((s.endedAt ?? s.startedAt) - s.startedAt)}: ${counts.done} done, ${counts.killed} stopped, ${counts.cancelled} never started.`;
      case 'failed':
        return 'The sweep stopped because of an error.';
      case 'finished':
        return `Sweep finished in ${formatDuration((s.endedAt ?? s.startedAt) - s.startedAt)}.`;
    }
  }

  render() {
    const s = this.snapshot;
    const { counts, total } = s.progress;
    const ended = total - counts.pending - counts.running;
    const first = Math.max(0, Math.floor(this.listScroll / ROW_HEIGHT) - 2);
    const shown = s.trials.slice(first, first + VISIBLE_ROWS + 4);
    const over = s.status === 'finished' || s.status === 'cancelled' || s.status === 'failed';
    const metric = s.definition.metric;
    return html`
      <p class="note" aria-live="polite">${this.summary()}</p>
      <div class="bar" role="progressbar" aria-label="Sweep progress" aria-valuemin="0" aria-valuemax=${total} aria-valuenow=${ended}
        aria-valuetext="${ended} of ${total} trials ended">
        <div style="width:${(((ended - counts.cancelled) / Math.max(1, total)) * 100).toFixed(1)}%"></div>
        <div class="skipped" style="width:${((counts.cancelled / Math.max(1, total)) * 100).toFixed(1)}%"></div>
      </div>
      <div class="counts">
        <span>Pending ${counts.pending}</span><span>Running ${counts.running}</span><span>Done ${counts.done}</span>
        <span>Failed ${counts.failed}</span><span>Killed ${counts.killed}</span>
        ${counts.cancelled ? html`<span>Never started ${counts.cancelled}</span>` : nothing}
        <span>· ${s.poolSize} ${s.poolSize === 1 ? 'worker' : 'workers'} · ${metric} (${s.definition.direction})</span>
      </div>
      <div class="viewport" @scroll=${(e: Event) => (this.listScroll = (e.target as HTMLElement).scrollTop)}>
        <div class="header" aria-hidden="true"><span>Trial</span><span>Settings</span><span>State</span><span title=${metric}>${metric}</span><span>Run</span></div>
        <ol aria-label="Trials" style="height:${total * ROW_HEIGHT}px">${shown.map((t) => this.row(t))}</ol>
      </div>
      ${s.status === 'failed' && s.message ? html`<p class="error" role="alert">${s.message}</p>` : nothing}
      ${over && s.message && s.status !== 'failed' ? html`<p class="note">${s.message}</p>` : nothing}
      ${
        over && s.best
          ? html`<p class="best">Best trial (${metric} ${formatValue(s.best.value)}):
            <a href=${runHref(s.best.runId)}>${s.best.runName}</a></p>`
          : nothing
      }
      ${
        over
          ? html`<div class="row">
            ${s.parentRunId ? html`<a href=${runHref(s.parentRunId)}>Open the sweep's parent run</a>` : nothing}
            <button ?disabled=${!s.trials.some((t) => t.runId)} @click=${() => (location.hash = this.compareHref())}>Compare trials</button>
          </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sweep-queue': SweepQueue;
  }
}
