// Records the running practice session: a timeline of detected ball count, saved every few
// seconds and when the page is hidden, so a reload or a closed tab loses at most a few seconds.
import { TimelineBuilder, dayKey, type TimelineObservation } from '../core/lesson-timeline.ts';
import { StorageError } from './db.ts';
import { saveSession } from './sessions.ts';

// Often enough that a reload right after a lesson step passes keeps the session (the writes are small).
const SAVE_EVERY_MS = 2_000;

export class SessionRecorder {
  private timeline = new TimelineBuilder();
  private startedAtMs: number | null = null;
  private savedPracticeMs = 0;
  private lessonId: string | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onHide = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  constructor(private readonly onError: (error: StorageError) => void) {
    this.timer = setInterval(() => void this.flush(), SAVE_EVERY_MS);
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onHide);
  }

  push(observation: TimelineObservation): void {
    this.startedAtMs ??= Date.now();
    this.timeline.push(observation);
  }

  /** The running session's key (SessionRecord.startedAtMs), null before its first observation. */
  get sessionStartedAtMs(): number | null {
    return this.startedAtMs;
  }

  setLesson(lessonId: string | null): void {
    this.lessonId = lessonId;
  }

  /** Saves what is new; sessions without any juggling are not kept. */
  flush(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const practiceMs = this.timeline.practiceMs;
      if (this.startedAtMs === null || practiceMs <= 0 || practiceMs === this.savedPracticeMs) return;
      const added = practiceMs - this.savedPracticeMs;
      try {
        await saveSession(
          { startedAtMs: this.startedAtMs, endedAtMs: this.startedAtMs + this.timeline.durationMs, practiceMs, lessonId: this.lessonId, points: [...this.timeline.points] },
          dayKey(Date.now()),
          added,
        );
        this.savedPracticeMs = practiceMs;
      } catch (error) {
        this.onError(error instanceof StorageError ? error : new StorageError('save this session', error));
      }
    });
    return this.saving;
  }

  /** Ends this session (saving it) and starts a new one, e.g. when the camera changes. */
  async restart(): Promise<void> {
    await this.flush();
    this.timeline = new TimelineBuilder();
    this.startedAtMs = null;
    this.savedPracticeMs = 0;
  }

  dispose(): void {
    clearInterval(this.timer);
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onHide);
    void this.flush();
  }
}
