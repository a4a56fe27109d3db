// Small technical readout in a corner: which engine runs the model and how fast.
import { LitElement, css, html, nothing } from 'lit';
import type { PipelineStats, Prediction, WorkerStatus } from '../shared/inference-api.ts';

function providerText(status: WorkerStatus | null): string {
  if (!status) return 'Starting…';
  switch (status.kind) {
    case 'ready':
      return status.provider === 'webgpu' ? 'WebGPU' : `WASM · ${status.threads} ${status.threads === 1 ? 'thread' : 'threads'}`;
    case 'loading':
      return status.message;
    case 'model-error':
      return 'Model error';
    case 'error':
      return 'Error';
  }
}

export class JtHud extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: 600 0.95rem/1.4 system-ui, sans-serif;
      color: #ffffff;
      background: rgba(0, 0, 0, 0.6);
      padding: 0.4rem 0.7rem;
      border-radius: 0.5rem;
      font-variant-numeric: tabular-nums;
    }
    dl {
      display: grid;
      grid-template-columns: auto auto;
      gap: 0 0.8rem;
      margin: 0;
    }
    dt {
      color: #aab2c8;
      font-weight: 400;
    }
    /* In a narrow practice view (jt-practice sets it): two pairs a row, half the height. */
    :host([narrow]) dl {
      grid-template-columns: auto auto auto auto;
    }
    dd {
      margin: 0;
      text-align: right;
      max-width: 14rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    status: { attribute: false },
    prediction: { attribute: false },
    stats: { attribute: false },
  };

  declare status: WorkerStatus | null;
  declare prediction: Prediction | null;
  declare stats: PipelineStats | null;

  constructor() {
    super();
    this.status = null;
    this.prediction = null;
    this.stats = null;
  }

  override render() {
    const fallback = this.status?.kind === 'ready' ? this.status.fallbackReason : null;
    const tracks = this.prediction?.tracks;
    return html`
      <dl>
        <dt>Engine</dt>
        <dd data-testid="hud-provider" title=${fallback ?? ''}>${providerText(this.status)}</dd>
        <dt>Head</dt>
        <dd data-testid="hud-head">${this.prediction ? (this.prediction.head ?? 'shipped') : '–'}</dd>
        <dt>Model</dt>
        <dd data-testid="hud-inference">${this.prediction ? `${this.prediction.inferenceMs.toFixed(1)} ms` : '–'}</dd>
        <dt>Predictions</dt>
        <dd data-testid="hud-pps">${this.stats ? `${this.stats.predictionsPerSecond.toFixed(1)}/s` : '–'}</dd>
        <dt>Camera</dt>
        <dd data-testid="hud-fps">${this.stats ? `${this.stats.cameraFps.toFixed(0)} fps` : '–'}</dd>
        ${tracks
          ? html`<dt>Tracks</dt>
              <dd data-testid="hud-tracks" title="What the ball tracker sees: balls in the pattern, throws followed">${tracks.ballCount ?? '?'} balls · ${tracks.throws} throws</dd>`
          : nothing}
      </dl>
    `;
  }
}

customElements.define('jt-hud', JtHud);

declare global {
  interface HTMLElementTagNameMap {
    'jt-hud': JtHud;
  }
}
