// Coach progress: completed steps and best streaks, one record per lesson step.
import { withStreak, type StepProgress } from '../core/step-progress.ts';
import { withDatabase } from './db.ts';

export async function loadProgress(): Promise<Map<string, StepProgress>> {
  return withDatabase('read your progress', async (db) => new Map((await db.getAll('progress')).map((entry) => [entry.stepId, entry])));
}

/**
 * Records a streak for a step (and its success when `completed`). Best streaks only grow and a
 * completion is never undone, whatever order tabs write in.
 */
export async function recordStreak(stepId: string, streakMs: number, completed: boolean, nowMs = Date.now()): Promise<StepProgress> {
  return withDatabase('save your progress', async (db) => {
    const transaction = db.transaction('progress', 'readwrite');
    const next = withStreak(await transaction.store.get(stepId), stepId, streakMs, completed, nowMs);
    await transaction.store.put(next);
    await transaction.done;
    return next;
  });
}
