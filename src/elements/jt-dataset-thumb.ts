// A clip's thumbnail: the middle frame of its model-ready tensor (what the model sees, 64×64),
// drawn when the card scrolls into view, so a long dataset does not read every tensor at once.
import { LitElement, css, html } from 'lit';
import { tensorFrameRgba } from '../core/preprocess.ts';
import { getClipTensor, type ClipTensorRecord } from '../storage/clips.ts';

/** Frame `t` of a clip's [3][T][H][W] tensor, ready for a canvas. */
export function tensorFrame(tensor: ClipTensorRecord, t = Math.floor(tensor.frames / 2)): ImageData {
  const { frames, height, width, data } = tensor;
  const image = new ImageData(width, height);
  tensorFrameRgba(data, frames, height, width, t, image.data);
  return image;
}

export class JtDatasetThumb extends LitElement {
  static override styles = css`
    :host {
      display: block;
      width: 6rem;
      height: 6rem;
      background: #1b2233;
      border-radius: 0.4rem;
      overflow: hidden;
    }
    canvas {
      width: 100%;
      height: 100%;
      display: block;
    }
  `;

  static override properties = { clipId: { attribute: 'clip-id' } };

  declare clipId: string;
  private observer: IntersectionObserver | null = null;
  private drawn = '';

  constructor() {
    super();
    this.clipId = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void this.draw();
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = null;
  }

  protected override updated(): void {
    // A reused card showing another clip: draw again when visible.
    if (this.drawn && this.drawn !== this.clipId) {
      this.drawn = '';
      this.observer?.unobserve(this);
      this.observer?.observe(this);
    }
  }

  private async draw(): Promise<void> {
    const id = this.clipId;
    if (!id || this.drawn === id) return;
    this.drawn = id;
    const tensor = await getClipTensor(id).catch(() => undefined);
    const canvas = this.renderRoot.querySelector('canvas');
    if (!tensor || !canvas || this.clipId !== id) return;
    canvas.width = tensor.width;
    canvas.height = tensor.height;
    canvas.getContext('2d')?.putImageData(tensorFrame(tensor), 0, 0);
    canvas.dataset.drawn = 'true';
  }

  override render() {
    return html`<canvas data-testid="clip-thumb" aria-label="What the model sees (middle frame)"></canvas>`;
  }
}

customElements.define('jt-dataset-thumb', JtDatasetThumb);

declare global {
  interface HTMLElementTagNameMap {
    'jt-dataset-thumb': JtDatasetThumb;
  }
}
