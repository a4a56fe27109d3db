// "This is what it should look like": the synthetic juggler doing a lesson's pattern on a
// small canvas. Same juggler as the demo camera and the training data, at a low frame rate
// so it costs little next to the model.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { createScene, type Scene } from '../synth/index.ts';

const SCENE_WIDTH = 256;
const SCENE_HEIGHT = 192;
const FPS = 15;
/** A fixed world (plain backdrop, whole body in view) so every lesson's preview looks alike. */
const PREVIEW_SEED = 105;
/** A portrait crop around where that world's juggler stands. */
const CROP_X = 49;
const WIDTH = 144;
const HEIGHT = SCENE_HEIGHT;

export class JtLessonPreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      width: 100%;
      aspect-ratio: 3 / 4;
      border-radius: 0.5rem;
      background: #202636;
    }
  `;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    pattern: {},
  };

  /** The catalog class to show. */
  declare pattern: string;

  constructor() {
    super();
    this.pattern = '';
  }

  private scene: Scene | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private image: ImageData | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached (e.g. the coach was closed and opened again): start drawing again.
    if (this.hasUpdated && this.pattern) this.start();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('pattern')) this.start();
  }

  private start(): void {
    this.stop();
    const canvas = this.renderRoot.querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (!context || !this.pattern) return;
    this.scene = createScene({ className: this.pattern, seed: PREVIEW_SEED, width: SCENE_WIDTH, height: SCENE_HEIGHT, fps: FPS });
    this.image = context.createImageData(SCENE_WIDTH, SCENE_HEIGHT);
    const paint = () => {
      if (!this.scene || !this.image) return;
      this.image.data.set(this.scene.nextFrame());
      context.putImageData(this.image, -CROP_X, 0);
    };
    paint();
    this.timer = setInterval(paint, 1000 / FPS);
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.scene = null;
  }

  override render() {
    return html`<canvas width=${WIDTH} height=${HEIGHT} role="img" aria-label="What it should look like" data-testid="lesson-preview"></canvas>`;
  }
}

customElements.define('jt-lesson-preview', JtLessonPreview);

declare global {
  interface HTMLElementTagNameMap {
    'jt-lesson-preview': JtLessonPreview;
  }
}
