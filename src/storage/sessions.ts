// Practice sessions (timelines of detected ball count) and practice time per day.
import { withDatabase, type DayTotal, type SessionRecord } from './db.ts';

export type { DayTotal, SessionRecord } from './db.ts';

/** Sessions kept; older ones are removed when a new one is saved. */
export const MAX_SESSIONS = 200;

/**
 * Saves (or updates) a session and adds `addedPracticeMs` to its day, in one transaction so a
 * repeated save never counts the same minutes twice.
 */
export async function saveSession(session: SessionRecord, day: string, addedPracticeMs: number): Promise<void> {
  await withDatabase('save this session', async (db) => {
    const transaction = db.transaction(['sessions', 'days'], 'readwrite');
    const sessions = transaction.objectStore('sessions');
    const days = transaction.objectStore('days');
    await sessions.put(session);
    if (addedPracticeMs > 0) {
      const total = await days.get(day);
      await days.put({ day, practiceMs: (total?.practiceMs ?? 0) + addedPracticeMs });
    }
    const count = await sessions.count();
    if (count > MAX_SESSIONS) {
      let cursor = await sessions.openCursor();
      for (let excess = count - MAX_SESSIONS; cursor && excess > 0; excess--) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await transaction.done;
  });
}

/** Newest first. */
export async function listSessions(): Promise<SessionRecord[]> {
  return withDatabase('read your sessions', async (db) => (await db.getAll('sessions')).reverse());
}

export async function practicePerDay(): Promise<Map<string, number>> {
  return withDatabase('read your practice time', async (db) => new Map((await db.getAll('days')).map((total: DayTotal) => [total.day, total.practiceMs])));
}
