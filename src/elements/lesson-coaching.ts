// The coach's workflow for jt-coach, as a reactive controller over the pure state machine
// (core/lesson-coach.ts): loads the progress and the mute setting, feeds it each prediction, and
// carries out what it decides: spoken cues, the tip on screen (for a while), and the best streak
// written one write at a time. Leaving the page or the view saves the streak so far.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LessonCoach, type CoachAction, type StreakSave } from '../core/lesson-coach.ts';
import type { LessonStep } from '../core/lessons.ts';
import { addsProgress, withStreak } from '../core/step-progress.ts';
import type { Prediction } from '../shared/inference-api.ts';
import { Speaker } from '../platform/speech.ts';
import { loadProgress, recordStreak } from '../storage/progress.ts';
import { loadSetting, saveSetting } from '../storage/settings.ts';

const MUTED_SETTING = 'coach-muted';
/** A tip stays on screen this long after it was last given. */
const TIP_SHOWN_MS = 6000;

/** What the coaching needs of the view. */
export interface CoachingSource {
  /** A step to open first (the ?lesson= URL parameter); otherwise where the person left off. */
  readonly requestedLesson: () => string | null;
  /** The camera is on: progress counts. */
  readonly ownPractice: () => boolean;
  /** A step was opened. */
  readonly opened: (step: LessonStep) => void;
}

export class LessonCoaching implements ReactiveController {
  readonly coach = new LessonCoach();
  tip: string | null = null;
  muted = false;
  storageMessage: string | null = null;
  private readonly speaker = new Speaker();
  private tipTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  /** Leaving or reloading the page: the streak so far is written (the browser lets a started write finish). */
  private readonly onPageHide = () => this.carryOut(this.synced().leave());

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: CoachingSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.onPageHide);
    void this.load();
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    this.speaker.silence();
    if (this.tipTimer !== null) clearTimeout(this.tipTimer);
    this.carryOut(this.synced().leave());
  }

  /** One live prediction. */
  observe(prediction: Prediction): void {
    const tracks = prediction.tracks;
    this.carryOut(
      this.synced().observe({
        label: prediction.label,
        confidence: prediction.confidence,
        uncertain: prediction.uncertain,
        timeMs: performance.now(),
        measures: tracks?.measures ?? null,
        runs: tracks?.runs ?? null,
      }),
    );
  }

  open(step: LessonStep): void {
    const actions = this.synced().open(step, performance.now());
    this.tip = null;
    this.carryOut(actions);
    this.source.opened(step);
  }

  toggleMute(): void {
    this.muted = !this.muted;
    this.speaker.muted = this.muted;
    if (this.muted) this.speaker.silence();
    saveSetting(MUTED_SETTING, this.muted).catch((error: Error) => {
      this.storageMessage = error.message;
      this.host.requestUpdate();
    });
    this.host.requestUpdate();
  }

  /** A tap: browsers let audio play only after one. */
  unlockAudio(): void {
    this.speaker.unlockAudio();
  }

  private async load(): Promise<void> {
    try {
      this.coach.progress = await loadProgress();
      this.muted = await loadSetting(MUTED_SETTING, false);
    } catch (error) {
      this.storageMessage = (error as Error).message;
    }
    this.speaker.muted = this.muted;
    this.open(this.synced().firstStep(this.source.requestedLesson()));
  }

  /** The machine, told whose practice it watches now. */
  private synced(): LessonCoach {
    this.coach.ownPractice = this.source.ownPractice();
    return this.coach;
  }

  private carryOut(actions: readonly CoachAction[]): void {
    for (const action of actions) {
      if (action.kind === 'say') this.speaker.say(action.text, action.cue);
      else if (action.kind === 'show-tip') this.showTip(action.text);
      else this.save(action);
    }
    this.host.requestUpdate();
  }

  private showTip(text: string): void {
    this.tip = text;
    if (this.tipTimer !== null) clearTimeout(this.tipTimer);
    this.tipTimer = setTimeout(() => {
      this.tip = null;
      this.host.requestUpdate();
    }, TIP_SHOWN_MS);
  }

  /** One write at a time, each only when there is something new since the last. */
  private save(save: StreakSave): void {
    this.saving = this.saving.then(() => this.write(save));
  }

  private async write({ stepId, bestStreakMs, completed }: StreakSave): Promise<void> {
    const stored = this.coach.progress.get(stepId);
    if (!addsProgress(stored, bestStreakMs, completed)) return;
    const nowMs = Date.now();
    try {
      this.coach.stored(await recordStreak(stepId, bestStreakMs, completed, nowMs));
      this.storageMessage = null;
    } catch (error) {
      this.storageMessage = (error as Error).message;
      // Kept for this visit: the next step still unlocks, and no retry on every prediction.
      this.coach.stored(withStreak(stored, stepId, bestStreakMs, completed, nowMs));
    }
    this.host.requestUpdate();
  }
}
