// Runs of catches: every finished run, stored once (by the live pipeline's run id).
import { runRecordProblems, type RunRecord } from '../core/run-records.ts';
import { StorageError, withDatabase } from './db.ts';

export type { RunRecord } from '../core/run-records.ts';

/** A run that is not fit to store: what is wrong with it (nothing is written). */
export class BadRunError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`This run was not saved: ${problems.join('; ')}.`);
    this.name = 'BadRunError';
  }
}

/** Stores runs (all or none); a run already stored is replaced by the same run, never counted twice. */
export async function saveRuns(records: readonly RunRecord[]): Promise<void> {
  const problems = records.flatMap((record) => runRecordProblems(record).map((problem) => `run ${String(record.id)}: ${problem}`));
  if (problems.length > 0) throw new BadRunError(problems);
  await withDatabase('save your runs of catches', async (db) => {
    const transaction = db.transaction('runs', 'readwrite');
    await Promise.all([...records.map((record) => transaction.store.put(record)), transaction.done]);
  });
}

/** Oldest first. */
export async function listRuns(): Promise<RunRecord[]> {
  return withDatabase('read your runs of catches', async (db) => db.getAllFromIndex('runs', 'byStart'));
}

export { StorageError };
