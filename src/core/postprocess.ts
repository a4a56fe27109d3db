// From raw per-window probabilities to what the overlay shows: smoothing over recent windows,
// hysteresis so the shown class does not flicker, an explicit "uncertain" state, and the
// ball count read from the summed probabilities of each count.
import { parseLabel, type ParsedLabel } from './labels.ts';

export interface PostprocessOptions {
  /** Number of recent windows averaged. */
  readonly smoothingWindows: number;
  /** Below this smoothed probability the top class is "uncertain". */
  readonly minConfidence: number;
  /** A challenger must lead the shown class by this much... */
  readonly switchMargin: number;
  /** ...for this many consecutive windows before it is shown. */
  readonly switchWindows: number;
}

/** Tuned for a window every 2 sampled frames (stride 2): smoothing over ~0.5 s at 15 fps. */
export const DEFAULT_POSTPROCESS: PostprocessOptions = {
  smoothingWindows: 4,
  minConfidence: 0.4,
  switchMargin: 0.1,
  switchWindows: 2,
};

const DEFAULT_STRIDE = 2;

/** With the tracks unsure, the classifier's summed 0-ball probability that still shows "No juggling". */
export const NOBODY_WITHOUT_TRACKS = 0.6;

/** The defaults over the same span of frames for a model that makes a window every `stride` frames. */
export function postprocessOptionsForStride(stride: number): PostprocessOptions {
  const scale = DEFAULT_STRIDE / stride;
  return {
    ...DEFAULT_POSTPROCESS,
    smoothingWindows: Math.max(1, Math.round(DEFAULT_POSTPROCESS.smoothingWindows * scale)),
    switchWindows: Math.max(1, Math.round(DEFAULT_POSTPROCESS.switchWindows * scale)),
  };
}

export interface DisplayState {
  /** The class shown, or null while uncertain. */
  readonly label: ParsedLabel | null;
  readonly confidence: number;
  /** Most likely ball count from the summed class probabilities, and its probability. */
  readonly balls: number;
  readonly ballConfidence: number;
  readonly uncertain: boolean;
  /** Smoothed probabilities, in class order. */
  readonly probabilities: Float32Array;
}

export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let index = 0; index < logits.length; index++) max = Math.max(max, logits[index]);
  const result = new Float32Array(logits.length);
  let sum = 0;
  for (let index = 0; index < logits.length; index++) {
    result[index] = Math.exp(logits[index] - max);
    sum += result[index];
  }
  for (let index = 0; index < result.length; index++) result[index] /= sum;
  return result;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) if (values[index] > values[best]) best = index;
  return best;
}

export class Postprocessor {
  private readonly labels: ParsedLabel[];
  private readonly history: Float32Array[] = [];
  private shownIndex: number | null = null;
  private challengerIndex: number | null = null;
  private challengerCount = 0;

  /** For each class, the index of its pattern's plain class (same balls and pattern, no quality), or -1. */
  private readonly plainIndex: number[];

  constructor(
    classes: readonly string[],
    private readonly options: PostprocessOptions = DEFAULT_POSTPROCESS,
  ) {
    this.labels = classes.map(parseLabel);
    this.plainIndex = this.labels.map((label) => this.labels.findIndex((other) => other.balls === label.balls && other.pattern === label.pattern && other.quality === null));
  }

  /**
   * What each class scores for showing: its smoothed probability — but when no class is sure, a
   * pattern whose classes together are (e.g. 3b_cascade 0.35 + 3b_cascade_too-high 0.33 + …) is
   * shown as its plain class: the count and pattern are known, the mistake is not.
   */
  private showScores(smoothed: Float32Array): Float32Array {
    const top = argmax(smoothed);
    if (smoothed[top] >= this.options.minConfidence) return smoothed;
    const patternMass = new Float32Array(smoothed.length);
    this.plainIndex.forEach((plain, index) => {
      if (plain >= 0) patternMass[plain] += smoothed[index];
    });
    const best = argmax(patternMass);
    if (patternMass[best] < this.options.minConfidence) return smoothed;
    const scores = Float32Array.from(smoothed);
    scores[best] = patternMass[best];
    return scores;
  }

  reset(): void {
    this.history.length = 0;
    this.shownIndex = null;
    this.challengerIndex = null;
    this.challengerCount = 0;
  }

  /**
   * A window that cannot be read (too many of its frames missing: a stalled camera or machine):
   * forget what was seen and show "uncertain" until new windows say otherwise.
   */
  pushUnreadable(): DisplayState {
    this.reset();
    return { label: null, confidence: 0, balls: 0, ballConfidence: 0, uncertain: true, probabilities: new Float32Array(this.labels.length) };
  }

  /**
   * Feed one window's probabilities (already softmaxed), get what to show. With `ballsFromTracks`
   * (the ball tracker's count: ball-tracks.ts) the count is the tracks' and the classifier only
   * picks the pattern among classes of that count; null: the tracks are not sure, so neither is
   * the display. Without it (a model with no ball detector), the count is the classifier's.
   */
  push(probabilities: ArrayLike<number>, ballsFromTracks?: number | null, ballsFlying = false): DisplayState {
    if (probabilities.length !== this.labels.length) {
      throw new Error(`expected ${this.labels.length} probabilities, got ${probabilities.length}`);
    }
    this.history.push(Float32Array.from(probabilities));
    if (this.history.length > this.options.smoothingWindows) this.history.shift();
    const smoothed = new Float32Array(this.labels.length);
    for (const entry of this.history) for (let index = 0; index < entry.length; index++) smoothed[index] += entry[index] / this.history.length;
    // The tracks see balls fly but cannot count them yet: the classifier's count stands meanwhile.
    if (ballsFromTracks === null && ballsFlying) return this.show(smoothed);
    if (ballsFromTracks !== undefined) return this.showWithTrackedCount(smoothed, ballsFromTracks);
    return this.show(smoothed);
  }

  /** The classes of the tracked count, renormalised, decide the pattern; the count is the tracks'. */
  private showWithTrackedCount(smoothed: Float32Array, tracked: number | null): DisplayState {
    // The tracks unsure but the classifier sure nobody juggles (standing, walking, waving): no
    // ball count is claimed, so "No juggling" may stand. Any count of balls needs the tracks.
    let balls = tracked;
    if (balls === null) {
      let nobodyMass = 0;
      this.labels.forEach((label, index) => (nobodyMass += label.balls === 0 ? smoothed[index] : 0));
      if (nobodyMass >= NOBODY_WITHOUT_TRACKS) balls = 0;
    }
    let mass = 0;
    if (balls !== null) this.labels.forEach((label, index) => (mass += label.balls === balls ? smoothed[index] : 0));
    if (balls === null || mass <= 0) {
      // Not sure how many balls (or a count the classes do not know): uncertain, the hysteresis kept.
      this.challengerIndex = null;
      this.challengerCount = 0;
      return { label: null, confidence: 0, balls: balls ?? 0, ballConfidence: 0, uncertain: true, probabilities: smoothed };
    }
    const restricted = smoothed.map((value, index) => (this.labels[index].balls === balls ? value / mass : 0));
    if (this.shownIndex !== null && this.labels[this.shownIndex].balls !== balls) this.shownIndex = null;
    const state = this.show(restricted);
    return { ...state, balls, ballConfidence: 1, probabilities: smoothed };
  }

  /** Hysteresis over `smoothed` (class probabilities, summing to 1), and the count from their sums per count. */
  private show(smoothed: Float32Array): DisplayState {

    const scores = this.showScores(smoothed);
    const top = argmax(scores);
    if (this.shownIndex === null) {
      if (scores[top] >= this.options.minConfidence) this.shownIndex = top;
    } else if (top !== this.shownIndex) {
      const leads = scores[top] - scores[this.shownIndex] >= this.options.switchMargin;
      if (leads && top === this.challengerIndex) this.challengerCount += 1;
      else if (leads) {
        this.challengerIndex = top;
        this.challengerCount = 1;
      } else {
        this.challengerIndex = null;
        this.challengerCount = 0;
      }
      if (this.challengerCount >= this.options.switchWindows) {
        this.shownIndex = top;
        this.challengerIndex = null;
        this.challengerCount = 0;
      }
    } else {
      this.challengerIndex = null;
      this.challengerCount = 0;
    }
    if (this.shownIndex !== null && scores[this.shownIndex] < this.options.minConfidence && scores[top] < this.options.minConfidence) {
      this.shownIndex = null;
    }

    const ballMass = new Map<number, number>();
    this.labels.forEach((label, index) => ballMass.set(label.balls, (ballMass.get(label.balls) ?? 0) + smoothed[index]));
    let balls = 0;
    let ballConfidence = -1;
    for (const [count, mass] of ballMass) {
      if (mass > ballConfidence) {
        balls = count;
        ballConfidence = mass;
      }
    }
    const shown = this.shownIndex;
    return {
      label: shown === null ? null : this.labels[shown],
      confidence: shown === null ? scores[top] : scores[shown],
      balls,
      ballConfidence,
      uncertain: shown === null,
      probabilities: smoothed,
    };
  }
}
