// The big readout over the video: ball count and pattern, one line of feedback, and how sure
// the model is. Sized to be read from where a person juggles (2–3 m).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { styleProps } from './style-props.ts';
import { feedbackFor, headline, parseLabel, patternText } from '../core/labels.ts';
import type { Prediction } from '../shared/inference-api.ts';

export const UNCERTAIN_TEXT = 'Not sure yet…';
export const NO_JUGGLING_TEXT = 'No juggling';
// One dot per ball, as on the app icon: a count you can read at a glance.
const BALL_COLOURS = ['#ffc400', '#ff5252', '#40c8ff', '#7cff6b', '#ff8ad8', '#ffffff', '#ffa040', '#b388ff', '#00e5c0'];

interface Readout {
  readonly headline: string;
  readonly balls: number | null;
  readonly feedback: string;
}

function readout(prediction: Prediction | null): Readout {
  if (!prediction) return { headline: 'Watching…', balls: null, feedback: 'Stand 2–3 m from the camera, whole body in view.' };
  if (prediction.uncertain || !prediction.label) {
    return { headline: UNCERTAIN_TEXT, balls: null, feedback: 'Keep going…' };
  }
  const label = parseLabel(prediction.label);
  if (label.balls === 0) return { headline: NO_JUGGLING_TEXT, balls: 0, feedback: patternText(label.pattern) };
  return { headline: headline(label), balls: label.balls, feedback: feedbackFor(label) };
}

export class JtOverlay extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: #ffffff;
      text-align: center;
      text-shadow: 0 0 0.15em #000000, 0 0 0.4em #000000;
      pointer-events: none;
    }
    .headline {
      font-size: clamp(2.5rem, 8vw, 7rem);
      font-size: clamp(2.5rem, 8cqw, 7rem);
      font-weight: 800;
      line-height: 1.05;
      letter-spacing: -0.01em;
    }
    .headline.uncertain {
      color: #d0d4e0;
      font-weight: 600;
    }
    .balls {
      display: flex;
      justify-content: center;
      gap: 0.6rem;
      margin-bottom: 0.4rem;
    }
    .balls > span {
      width: clamp(1.5rem, 4vw, 3rem);
      height: clamp(1.5rem, 4vw, 3rem);
      border-radius: 50%;
      box-shadow: 0 0 0 3px #000000;
    }
    .feedback {
      margin-top: 0.3em;
      font-size: clamp(1.25rem, 4vw, 3.2rem);
      font-size: clamp(1.25rem, 4cqw, 3.2rem);
      font-weight: 600;
      color: #ffd400;
      min-height: 1.2em;
    }
    .confidence {
      margin: 0.6em auto 0;
      width: min(60vw, 32rem);
      height: 0.9rem;
      border: 2px solid #ffffff;
      border-radius: 0.5rem;
      background: rgba(0, 0, 0, 0.55);
      overflow: hidden;
    }
    .confidence > div {
      height: 100%;
      background: #40c8ff;
      transition: width 200ms linear;
    }
  `;

  // Reactive properties are declared, not decorated: Vite 8 (Oxc) leaves standard decorators
  // and `accessor` unlowered in the bundle, which browsers cannot parse.
  static override properties = {
    prediction: { attribute: false },
  };

  declare prediction: Prediction | null;

  constructor() {
    super();
    this.prediction = null;
  }

  override updated(changed: PropertyValues<this>): void {
    // Tells whoever listens (the ?bench probe) the moment a prediction reached the screen.
    if (changed.has('prediction') && this.prediction) {
      this.dispatchEvent(new CustomEvent<Prediction>('prediction-shown', { detail: this.prediction, bubbles: true, composed: true }));
    }
  }

  override render() {
    const shown = readout(this.prediction);
    const uncertain = this.prediction !== null && (this.prediction.uncertain || !this.prediction.label);
    const confidence = Math.round((this.prediction?.confidence ?? 0) * 100);
    return html`
      ${shown.balls === null
        ? nothing
        : html`<div class="balls" data-testid="balls" data-count=${shown.balls} aria-hidden="true">${BALL_COLOURS.slice(0, shown.balls).map(
            (colour) => html`<span ${styleProps({ background: colour })}></span>`,
          )}</div>`}
      <div class="headline ${uncertain ? 'uncertain' : ''}" data-testid="headline" aria-live="polite">${shown.headline}</div>
      <div class="feedback" data-testid="feedback">${shown.feedback}</div>
      ${this.prediction
        ? html`<div class="confidence" role="meter" aria-label="Confidence" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${confidence}
            data-testid="confidence"><div ${styleProps({ width: `${confidence}%` })}></div></div>`
        : nothing}
    `;
  }
}

customElements.define('jt-overlay', JtOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'jt-overlay': JtOverlay;
  }
  interface HTMLElementEventMap {
    'prediction-shown': CustomEvent<Prediction>;
  }
}
