// Every failure a person can meet, with its way forward: retry the model, use the demo
// juggler when there is no camera, or switch browsers. As a banner it reports a recovered
// problem (the worker restarted) without blocking practice.
import { LitElement, css, html, nothing } from 'lit';
import type { ErrorKind } from '../core/practice-notices.ts';
import { buttonStyles } from './styles.ts';

export type { ErrorKind };

const TITLES: Record<ErrorKind, string> = {
  model: 'The model could not be loaded',
  camera: 'The camera is not available',
  'camera-stopped': 'The camera stopped',
  'take-lost': 'The take was discarded',
  'worker-crash': 'The recogniser crashed and was restarted',
  runtime: 'Something went wrong',
  unsupported: 'This browser cannot run Juggling Trainer',
};

/** What this browser lacks, or [] when it has everything the app needs. */
export function missingFeatures(): string[] {
  const missing: string[] = [];
  if (typeof WebAssembly !== 'object') missing.push('WebAssembly');
  if (typeof Worker !== 'function') missing.push('Web Workers');
  if (typeof OffscreenCanvas !== 'function') missing.push('OffscreenCanvas');
  return missing;
}

export class JtErrorScreen extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 1.2rem;
        min-height: 100%;
        padding: 2rem;
        box-sizing: border-box;
        text-align: center;
        color: #ffffff;
        background: #101420;
        font: 500 clamp(1.1rem, 2.6vw, 1.8rem) / 1.4 system-ui, sans-serif;
      }
      :host([banner]) {
        min-height: 0;
        flex-direction: row;
        flex-wrap: wrap;
        padding: 0.8rem 1.2rem;
        border: 3px solid #ff5252;
        border-radius: 0.8rem;
        font-size: clamp(1rem, 2vw, 1.4rem);
      }
      h1 {
        margin: 0;
        font-size: clamp(1.8rem, 5vw, 3.5rem);
      }
      :host([banner]) h1 {
        font-size: inherit;
      }
      p {
        margin: 0;
        max-width: 40em;
      }
      .actions {
        display: flex;
        gap: 1rem;
        flex-wrap: wrap;
        justify-content: center;
      }
    `,
  ];

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    kind: { reflect: true },
    message: {},
    banner: { type: Boolean, reflect: true },
  };

  declare kind: ErrorKind;
  declare message: string;
  /** A non-blocking notice instead of a full screen. */
  declare banner: boolean;

  constructor() {
    super();
    this.kind = 'runtime';
    this.message = '';
    this.banner = false;
  }

  private emit(name: 'retry' | 'demo' | 'dismiss') {
    this.dispatchEvent(new Event(name, { bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <h1 data-testid="error-title">${TITLES[this.kind]}</h1>
      <p data-testid="error-message" role="alert">${this.message}</p>
      <div class="actions">
        ${this.kind === 'model' || this.kind === 'runtime'
          ? html`<button class="primary" data-testid="retry" @click=${() => this.emit('retry')}>Retry</button>`
          : nothing}
        ${this.kind === 'camera'
          ? html`<button class="primary" data-testid="demo-offer" @click=${() => this.emit('demo')}>Try the demo juggler</button>
              <button data-testid="retry" @click=${() => this.emit('retry')}>Try the camera again</button>`
          : nothing}
        ${this.kind === 'camera-stopped'
          ? html`<button class="primary" data-testid="reconnect" @click=${() => this.emit('retry')}>Reconnect</button>
              <button data-testid="demo-offer" @click=${() => this.emit('demo')}>Try the demo juggler</button>`
          : nothing}
        ${this.banner ? html`<button data-testid="dismiss" @click=${() => this.emit('dismiss')}>OK</button>` : nothing}
      </div>
    `;
  }
}

customElements.define('jt-error-screen', JtErrorScreen);

declare global {
  interface HTMLElementTagNameMap {
    'jt-error-screen': JtErrorScreen;
  }
}
