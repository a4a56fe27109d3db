// A recorded clip's video, full screen over the dataset view. jt-dataset makes and revokes the
// video's object URL; this only shows it and asks to close (the Close button, or a click beside
// the video).
import { LitElement, css, html } from 'lit';
import { formatWhen } from '../core/format.ts';
import type { ClipRecord } from '../storage/clips.ts';
import { buttonStyles } from './styles.ts';

export class JtClipPlayer extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      .player {
        position: fixed;
        inset: 0;
        display: flex;
        flex-direction: column;
        gap: 1rem;
        align-items: center;
        justify-content: center;
        background: rgba(0, 0, 0, 0.9);
        z-index: 3;
      }
      .player video {
        max-width: 90vw;
        max-height: 75vh;
        background: #000000;
      }
      button {
        font-size: 1rem;
        padding: 0.4em 0.9em;
      }
    `,
  ];

  static override properties = { clip: { attribute: false }, url: {} };

  declare clip: ClipRecord;
  /** Object URL of the clip's stored video. */
  declare url: string;

  private close(): void {
    this.dispatchEvent(new CustomEvent('player-close'));
  }

  override render() {
    return html`<div class="player" @click=${(event: Event) => event.target === event.currentTarget && this.close()}>
      <video data-testid="clip-player" src=${this.url} controls autoplay playsinline></video>
      <p>${this.clip.label} · ${formatWhen(this.clip.recordedAtMs)}</p>
      <button data-testid="player-close" @click=${() => this.close()}>Close</button>
    </div>`;
  }
}

customElements.define('jt-clip-player', JtClipPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'jt-clip-player': JtClipPlayer;
  }
}
