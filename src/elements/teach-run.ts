// The teach view's run, as a reactive controller: one teaching at a time (platform/teacher.ts),
// its progress for the bar, and what to tell the person when it fails. Closing the view cancels
// it: the worker's job ends at its next window or epoch and live practice resumes at once.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TeachProgress } from '../core/teach-progress.ts';
import { WorkerCrashError, type PracticeSession } from '../platform/practice-session.ts';
import { teachHead, type TeachRequest, type TeachResult } from '../platform/teacher.ts';

export type TeachOutcome = { readonly result: TeachResult } | { readonly error: string };

export class TeachRun implements ReactiveController {
  /** Null while no teaching runs. */
  progress: TeachProgress | null = null;
  private abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get running(): boolean {
    return this.progress !== null;
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = null;
  }

  /** Teaches a head from the clips (nothing is written); resolves with it, or with the message to show. */
  async teach(session: PracticeSession, request: Omit<TeachRequest, 'onProgress' | 'signal'>): Promise<TeachOutcome> {
    const abort = new AbortController();
    this.abort = abort;
    this.setProgress({ kind: 'reading', clipsRead: 0, clipsTotal: request.clips.length });
    try {
      return {
        result: await teachHead(session, {
          ...request,
          signal: abort.signal,
          // Reports still in flight from a worker that died, or after a cancel, must not bring the progress bar back.
          onProgress: (progress) => {
            if (this.abort === abort) this.setProgress(progress);
          },
        }),
      };
    } catch (error) {
      return {
        error:
          error instanceof WorkerCrashError
            ? `The recogniser stopped while teaching (${error.message}). Your clips and heads are safe; it is restarting, press Teach to try again.`
            : `Teaching failed: ${(error as Error).message}`,
      };
    } finally {
      if (this.abort === abort) this.abort = null;
      this.setProgress(null);
    }
  }

  private setProgress(progress: TeachProgress | null): void {
    this.progress = progress;
    this.host.requestUpdate();
  }
}
