// "A new version is ready — reload": shown when a new service worker waits. Reloading is the
// user's choice so a practice session is never cut off mid-run.
import { LitElement, css, html } from 'lit';
import { buttonStyles } from './styles.ts';

export class JtUpdatePrompt extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 1rem;
        padding: 0.8rem 1.2rem;
        background: #101420;
        color: #ffffff;
        border: 3px solid #ffd400;
        border-radius: 0.8rem;
        font: 600 clamp(1rem, 2.2vw, 1.5rem) / 1.3 system-ui, sans-serif;
        box-shadow: 0 0.5rem 2rem rgba(0, 0, 0, 0.6);
      }
    `,
  ];

  override render() {
    return html`
      <span role="status">A new version is ready — reload</span>
      <button class="primary" data-testid="update-accept" @click=${() => this.dispatchEvent(new Event('update-accept', { bubbles: true, composed: true }))}>
        Reload
      </button>
      <button data-testid="update-dismiss" @click=${() => this.dispatchEvent(new Event('update-dismiss', { bubbles: true, composed: true }))}>Later</button>
    `;
  }
}

customElements.define('jt-update-prompt', JtUpdatePrompt);

declare global {
  interface HTMLElementTagNameMap {
    'jt-update-prompt': JtUpdatePrompt;
  }
}
