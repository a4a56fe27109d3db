// The record view's takes, as a reactive controller: the countdown with its tones, one clip or a
// series (the countdown as the pause), hands-free until stopped, the review of a single clip, and
// keeping a clip in storage. A run is cancelled by bumping a token, so every await checks it.
// jt-record shows the state (`state`) and asks (toggle, stop, start, keep, retake, discard).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  CLIP_SECONDS, COUNTDOWN_SECONDS, DEFAULT_CLIP_SECONDS, clamp, clipsPerStart, recordLabel, type RecordSettings,
} from '../core/record-settings.ts';
import { ClipRecorder, type RecordedClip, type TensorCapture } from '../platform/clip-recorder.ts';
import { storeRecordedClip } from '../platform/clip-archive.ts';
import { Beeper, TONE } from '../platform/tones.ts';
import type { RecordPhase } from './jt-record-stage.ts';

export interface TakeState {
  readonly phase: RecordPhase;
  readonly countdownValue: number;
  readonly elapsedMs: number;
  /** Which clip of the run (from 1), of how many (Infinity hands-free). */
  readonly seriesIndex: number;
  readonly seriesTotal: number;
  /** A single clip waiting for Keep, Retake or Discard, with its video's object URL. */
  readonly review: { readonly clip: RecordedClip; readonly url: string } | null;
  /** Clips kept in this visit to the view, and the last one's class. */
  readonly savedCount: number;
  readonly lastSaved: string | null;
  readonly error: string | null;
}

/** What a take records with: the browser's recorder and storage (a Node test gives its own). */
export interface TakeDevices {
  recorder(capture: TensorCapture): Pick<ClipRecorder, 'start' | 'stop' | 'cancel'>;
  store(clip: RecordedClip, label: string, recordingSessionId: string): Promise<unknown>;
}

const BROWSER_DEVICES: TakeDevices = {
  recorder: (capture) => new ClipRecorder(capture),
  store: storeRecordedClip,
};

/** What the takes need of the view. */
export interface TakeSource {
  readonly stream: () => MediaStream | null;
  readonly settings: () => RecordSettings;
  /** Why a take cannot start now (null when it can). */
  readonly blocker: () => string | null;
  /** One per visit to the view: the split keeps a session's clips together. */
  readonly recordingSessionId: string;
  /** A clip was stored. */
  readonly stored: () => void;
}

export class RecordTakes implements ReactiveController {
  state: TakeState = {
    phase: 'idle', countdownValue: 0, elapsedMs: 0, seriesIndex: 0, seriesTotal: 1, review: null, savedCount: 0, lastSaved: null, error: null,
  };

  private readonly beeper = new Beeper();
  private recorder: ReturnType<TakeDevices['recorder']> | null = null;
  /** Bumped to cancel whatever runs (countdown, series). */
  private runToken = 0;
  private finishEarly: (() => void) | null = null;
  private elapsedTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: TakeSource,
    private readonly devices: TakeDevices = BROWSER_DEVICES,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.runToken += 1;
    this.recorder?.cancel();
    this.clearReview();
    this.stopElapsed();
    this.beeper.close();
  }

  private update(change: Partial<TakeState>): void {
    this.state = { ...this.state, ...change };
    this.host.requestUpdate();
  }

  /** The worker side of recording changed (the practice session): a new recorder over it. */
  setCapture(capture: TensorCapture | null): void {
    this.recorder?.cancel();
    this.recorder = capture ? this.devices.recorder(capture) : null;
  }

  get hasRecorder(): boolean {
    return this.recorder !== null;
  }

  get running(): boolean {
    const { phase } = this.state;
    return phase === 'countdown' || phase === 'recording' || phase === 'saving';
  }

  toggle(): void {
    if (this.running) this.stop();
    else if (this.state.phase === 'idle') void this.startSeries();
  }

  /**
   * The camera stopped: whatever runs (a countdown, a take, a series) ends and the take cut short
   * is dropped, never kept. True when something was running, so the app can say so.
   */
  abandonTake(): boolean {
    if (!this.running) return false;
    this.runToken += 1;
    this.finishEarly?.();
    this.recorder?.cancel();
    this.stopElapsed();
    this.update({ phase: 'idle' });
    return true;
  }

  /** Space / Stop: cancels a countdown or a series; ends a single clip early (it is then reviewed). */
  stop(): void {
    if (this.state.phase === 'recording' && this.state.seriesTotal === 1 && this.finishEarly) {
      this.finishEarly();
      return;
    }
    this.runToken += 1;
    this.finishEarly?.();
    this.recorder?.cancel();
    this.stopElapsed();
    this.update({ phase: 'idle' });
  }

  private wait(ms: number, token: number): Promise<boolean> {
    return new Promise((resolve) => setTimeout(() => resolve(token === this.runToken), ms));
  }

  async startSeries(): Promise<void> {
    if (this.source.blocker() || this.running) return;
    this.beeper.unlock();
    this.update({ error: null });
    this.clearReview();
    const token = ++this.runToken;
    const label = recordLabel(this.source.settings());
    const seriesTotal = clipsPerStart(this.source.settings());
    this.update({ seriesTotal });
    for (let index = 0; index < seriesTotal; index++) {
      this.update({ seriesIndex: index + 1 });
      if (!(await this.countdown(token))) return;
      const clip = await this.recordOne(token);
      if (!clip || token !== this.runToken) return;
      if (seriesTotal === 1) {
        this.update({ review: { clip, url: URL.createObjectURL(clip.video) }, phase: 'review' });
        return;
      }
      if (!(await this.keep(clip, label)) || token !== this.runToken) return;
    }
    if (token === this.runToken) this.update({ phase: 'idle' });
  }

  private async countdown(token: number): Promise<boolean> {
    this.update({ phase: 'countdown' });
    for (let value = Math.round(clamp(this.source.settings().countdownSeconds, COUNTDOWN_SECONDS, 3)); value > 0; value--) {
      this.update({ countdownValue: value });
      this.beeper.beep(TONE.tick.frequency, TONE.tick.durationMs);
      if (!(await this.wait(1000, token))) return false;
    }
    return token === this.runToken;
  }

  private async recordOne(token: number): Promise<RecordedClip | null> {
    const recorder = this.recorder;
    const stream = this.source.stream();
    if (!recorder || !stream) return this.fail('The camera stopped.');
    try {
      await recorder.start(stream);
    } catch (error) {
      return this.fail((error as Error).message);
    }
    if (token !== this.runToken) {
      recorder.cancel();
      return null;
    }
    this.beeper.beep(TONE.go.frequency, TONE.go.durationMs);
    this.update({ phase: 'recording' });
    this.startElapsed();
    const durationMs = clamp(this.source.settings().clipSeconds, CLIP_SECONDS, DEFAULT_CLIP_SECONDS) * 1000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, durationMs);
      this.finishEarly = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.finishEarly = null;
    this.stopElapsed();
    if (token !== this.runToken) {
      recorder.cancel();
      return null;
    }
    this.beeper.beep(TONE.stop.frequency, TONE.stop.durationMs);
    try {
      return await recorder.stop();
    } catch (error) {
      return this.fail((error as Error).message);
    }
  }

  private fail(message: string): null {
    this.runToken += 1;
    this.update({ error: message, phase: 'idle' });
    this.stopElapsed();
    return null;
  }

  private async keep(clip: RecordedClip, label: string): Promise<boolean> {
    this.update({ phase: 'saving' });
    try {
      await this.devices.store(clip, label, this.source.recordingSessionId);
      this.update({ savedCount: this.state.savedCount + 1, lastSaved: label });
      this.source.stored();
      return true;
    } catch (error) {
      this.fail((error as Error).message);
      return false;
    }
  }

  async keepReview(): Promise<void> {
    const review = this.state.review;
    if (!review) return;
    const saved = await this.keep(review.clip, recordLabel(this.source.settings()));
    this.clearReview();
    if (saved) this.update({ phase: 'idle' });
  }

  discardReview(): void {
    this.clearReview();
    this.update({ phase: 'idle' });
  }

  retake(): void {
    this.discardReview();
    void this.startSeries();
  }

  private clearReview(): void {
    if (this.state.review) URL.revokeObjectURL(this.state.review.url);
    this.update({ review: null });
  }

  private startElapsed(): void {
    const started = performance.now();
    this.update({ elapsedMs: 0 });
    this.elapsedTimer = setInterval(() => this.update({ elapsedMs: performance.now() - started }), 100);
  }

  private stopElapsed(): void {
    if (this.elapsedTimer) clearInterval(this.elapsedTimer);
    this.elapsedTimer = null;
  }
}
