// Stores the runs of catches the live pipeline reports (each once, by id) and keeps them in
// memory for the counter's bests. A run that could not be saved stays in memory and is tried
// again with the next one, so a storage hiccup loses nothing; a new personal best is said once.
import { isPersonalBest, runRecordProblems, toRunRecord, type RunRecord } from '../core/run-records.ts';
import type { Prediction } from '../shared/inference-api.ts';
import { StorageError } from './db.ts';
import { BadRunError, listRuns, saveRuns } from './runs.ts';

export interface RunRecorderEvents {
  /** The stored runs changed (oldest first); `newBest`: the run that just set a personal best, if any. */
  onRuns(runs: readonly RunRecord[], newBest: RunRecord | null): void;
  onError(error: Error): void;
}

export class RunRecorder {
  private runs: RunRecord[] = [];
  private readonly known = new Set<string>();
  private unsaved: RunRecord[] = [];
  private saving: Promise<void> = Promise.resolve();
  /** The stored runs are known: only then can a run be called a personal best. */
  private bestsKnown = false;
  readonly loaded: Promise<void>;

  constructor(private readonly events: RunRecorderEvents) {
    this.loaded = listRuns().then(
      (stored) => {
        // Runs finished while loading are kept too (after the stored ones).
        const fresh = this.runs;
        this.runs = [...stored.filter((run) => !this.known.has(run.id)), ...fresh];
        for (const run of stored) this.known.add(run.id);
        this.bestsKnown = true;
        this.events.onRuns(this.runs, null);
      },
      (error) => this.events.onError(error instanceof Error ? error : new StorageError('read your runs of catches', error)),
    );
  }

  get records(): readonly RunRecord[] {
    return this.runs;
  }

  /** The runs a prediction reports as finished that are new here: stored, and told. */
  push(prediction: Prediction, sessionStartedAtMs: number | null, wallMs = Date.now()): void {
    const finished = prediction.tracks?.runs.recent ?? [];
    let newBest: RunRecord | null = null;
    let added = false;
    for (const run of finished) {
      if (this.known.has(run.id)) continue;
      this.known.add(run.id);
      const record = toRunRecord(run, { frameMs: prediction.frameTimestampMs, wallMs }, sessionStartedAtMs);
      if (this.bestsKnown && isPersonalBest(record, this.runs)) newBest = record;
      this.runs = [...this.runs, record];
      this.unsaved.push(record);
      added = true;
    }
    if (!added) return;
    this.events.onRuns(this.runs, newBest);
    void this.flush();
  }

  /** Saves what is not stored yet. */
  flush(): Promise<void> {
    this.saving = this.saving.then(async () => {
      // A run not fit to store would fail forever: it is left out with its reasons, and the others are saved.
      const unfit = this.unsaved.filter((run) => runRecordProblems(run).length > 0);
      if (unfit.length > 0) this.events.onError(new BadRunError(unfit.flatMap((run) => runRecordProblems(run))));
      const batch = this.unsaved.filter((run) => !unfit.includes(run));
      this.unsaved = batch;
      if (batch.length === 0) return;
      try {
        await saveRuns(batch);
        this.unsaved = this.unsaved.filter((run) => !batch.includes(run));
      } catch (error) {
        // Kept in unsaved: tried again with the next run.
        this.events.onError(error instanceof Error ? error : new StorageError('save your runs of catches', error));
      }
    });
    return this.saving;
  }
}
