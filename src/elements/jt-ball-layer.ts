// What the ball tracker sees, drawn over the video (the practice view with `?debug` in the
// address): the detector's square, each detection as a ring, each track's recent sightings as a
// line (solid: it flies under gravity; dashed: not yet), and the hands and head the pose network
// gave the tracker (a model with one). Working-frame pixels map onto the video
// because both fill the same box with the frame's aspect kept (object-fit: contain).
import { LitElement, css, html, nothing, svg } from 'lit';
import type { TrackSummary } from '../shared/inference-api.ts';

/** True when the page was opened with `?debug` (or `&debug`). */
export function debugDrawingWanted(search: string = globalThis.location?.search ?? ''): boolean {
  return new URLSearchParams(search).has('debug');
}

export class JtBallLayer extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      pointer-events: none;
    }
    svg {
      width: 100%;
      height: 100%;
    }
    svg.mirrored {
      transform: scaleX(-1);
    }
    .square {
      fill: none;
      stroke: #40c8ff;
      stroke-dasharray: 4 3;
    }
    .detection {
      fill: none;
      stroke: #ff5252;
    }
    .flight {
      fill: none;
      stroke: #7cff6b;
    }
    .flight.unsure {
      stroke: #ffc400;
      stroke-dasharray: 3 3;
    }
    .hand {
      fill: none;
      stroke: #3d7bff;
    }
    .head {
      fill: none;
      stroke: #ffe23d;
    }
  `;

  static override properties = {
    tracks: { attribute: false },
    mirrored: { type: Boolean },
  };

  declare tracks: TrackSummary | null;
  declare mirrored: boolean;

  constructor() {
    super();
    this.tracks = null;
    this.mirrored = false;
  }

  override render() {
    const tracks = this.tracks;
    if (!tracks || tracks.frameWidth === 0) return nothing;
    const unit = Math.max(tracks.frameWidth, tracks.frameHeight) / 256;
    const square = tracks.square;
    return html`<svg class=${this.mirrored ? 'mirrored' : ''} data-testid="ball-layer" viewBox="0 0 ${tracks.frameWidth} ${tracks.frameHeight}" preserveAspectRatio="xMidYMid meet">
      ${square ? svg`<rect class="square" x=${square.x} y=${square.y} width=${square.width} height=${square.height} stroke-width=${unit}></rect>` : nothing}
      ${tracks.flights.map((flight) => svg`<polyline class=${flight.ballistic ? 'flight' : 'flight unsure'} stroke-width=${unit} points=${flight.points.map(([x, y]) => `${x},${y}`).join(' ')}></polyline>`)}
      ${tracks.pose?.hands.map((hand) => (hand ? svg`<rect class="hand" data-testid="pose-hand" x=${hand.x - 3 * unit} y=${hand.y - 3 * unit} width=${6 * unit} height=${6 * unit} stroke-width=${unit}></rect>` : nothing)) ?? nothing}
      ${tracks.pose?.head ? svg`<circle class="head" data-testid="pose-head" cx=${tracks.pose.head.x} cy=${tracks.pose.head.y} r=${tracks.pose.head.radiusPx} stroke-width=${unit}></circle>` : nothing}
      ${tracks.detections.map((detection) => svg`<circle class="detection" data-testid="ball-detection" cx=${detection.x} cy=${detection.y} r=${3 * unit} stroke-width=${unit}></circle>`)}
    </svg>`;
  }
}

customElements.define('jt-ball-layer', JtBallLayer);
