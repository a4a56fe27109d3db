// The database upgrade from the previous version (v2: progress, sessions, days, settings, clips,
// heads) to v3 (runs of catches): a v2 database made with raw IndexedDB before the app ever
// opens it, then the app loads, upgrades it, and shows every old record.
import { test, expect } from '@playwright/test';
import { launchApp } from '../tools/lib/browser.ts';
import { READ_TIMEOUT_MS } from './waits.ts';

test('upgrading the v2 database keeps lesson progress, sessions, practice time, clips and settings, and adds the runs store', async ({ baseURL }) => {
  const app = await launchApp({ camera: 'builtin' });
  try {
    const { page } = app;
    // A file of the same origin that runs no app script: the database is made before the app opens it.
    await page.goto(`${baseURL}manifest.webmanifest`);
    const now = Date.now();
    const pad = (value: number) => String(value).padStart(2, '0');
    const date = new Date(now);
    const today = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    await page.evaluate(
      ({ now, today }) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('juggling-trainer', 2);
          request.onerror = () => reject(request.error);
          request.onupgradeneeded = () => {
            // The stores exactly as versions 1 and 2 made them (src/storage/db.ts MIGRATIONS).
            const db = request.result;
            db.createObjectStore('progress', { keyPath: 'stepId' });
            db.createObjectStore('sessions', { keyPath: 'startedAtMs' });
            db.createObjectStore('days', { keyPath: 'day' });
            db.createObjectStore('settings');
            const clips = db.createObjectStore('clips', { keyPath: 'id' });
            clips.createIndex('byLabel', 'label');
            clips.createIndex('byRecordingSession', 'recordingSessionId');
            db.createObjectStore('clipTensors', { keyPath: 'id' });
            db.createObjectStore('clipVideos', { keyPath: 'id' });
            db.createObjectStore('heads', { keyPath: 'id' });
          };
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction(['progress', 'sessions', 'days', 'settings', 'clips'], 'readwrite');
            transaction.objectStore('progress').put({ stepId: 'one-ball', completedAtMs: now - 86_400_000, bestStreakMs: 12_300, updatedAtMs: now - 86_400_000 });
            transaction.objectStore('progress').put({ stepId: 'two-ball-exchange', completedAtMs: null, bestStreakMs: 4_200, updatedAtMs: now - 3_600_000 });
            transaction.objectStore('sessions').put({
              startedAtMs: now - 3_600_000,
              endedAtMs: now - 3_000_000,
              practiceMs: 420_000,
              lessonId: 'one-ball',
              points: [
                { atSec: 0, balls: 1, label: '1b_toss' },
                { atSec: 300, balls: 1, label: '1b_toss' },
              ],
            });
            transaction.objectStore('days').put({ day: today, practiceMs: 420_000 });
            transaction.objectStore('settings').put(true, 'coach-muted');
            transaction.objectStore('clips').put({ id: 'old-clip', label: '3b_cascade', recordedAtMs: now - 7_200_000, durationMs: 3000, camera: '', recordingSessionId: 'rs-1', split: 'train', videoMimeType: 'video/webm' });
            transaction.oncomplete = () => {
              db.close();
              resolve();
            };
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      { now, today },
    );

    await page.goto(`${baseURL}?ep=wasm`);
    await page.getByTestId('history-open').click({ timeout: READ_TIMEOUT_MS });
    // Practice time of today, the old session, the lessons: all shown.
    await expect(page.getByTestId('minutes-chart').locator(`g[data-day="${today}"]`)).toHaveAttribute('data-minutes', /^7\.\d\d$/);
    await expect(page.getByTestId('session-select').locator('option', { hasText: '7.0 min juggling · One ball' })).toHaveCount(1);
    await expect(page.getByTestId('balls-chart')).toBeVisible();
    await expect(page.getByTestId('history-lessons').locator('tr[data-step="one-ball"]')).toContainText('✓');
    await expect(page.getByTestId('history-lessons').locator('tr[data-step="one-ball"]')).toContainText('best 12');
    await expect(page.getByTestId('history-lessons').locator('tr[data-step="two-ball-exchange"]')).toContainText('in progress');

    await page.getByTestId('history-close').click();
    // The coach's voice setting came through too.
    await page.getByTestId('coach-toggle').click();
    await expect(page.getByTestId('coach-mute')).toHaveAttribute('aria-pressed', 'true');

    // The database itself: version 3, the runs store added, every old record still there (the
    // builtin camera may add a session of its own: old records are looked up by key).
    const stored = await page.evaluate(
      ({ sessionKey, today }) =>
        new Promise<{ version: number; stores: string[]; found: Record<string, unknown> }>((resolve, reject) => {
          const request = indexedDB.open('juggling-trainer');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction(['progress', 'sessions', 'days', 'clips', 'settings', 'runs']);
            const found: Record<string, unknown> = {};
            const lookups: [string, string, IDBValidKey][] = [
              ['one-ball', 'progress', 'one-ball'],
              ['two-ball-exchange', 'progress', 'two-ball-exchange'],
              ['session', 'sessions', sessionKey],
              ['day', 'days', today],
              ['clip', 'clips', 'old-clip'],
              ['muted', 'settings', 'coach-muted'],
            ];
            for (const [name, store, key] of lookups) {
              const get = transaction.objectStore(store).get(key);
              get.onsuccess = () => (found[name] = get.result);
            }
            const runs = transaction.objectStore('runs').count();
            runs.onsuccess = () => (found.runs = runs.result);
            transaction.oncomplete = () => {
              resolve({ version: db.version, stores: Array.from(db.objectStoreNames), found });
              db.close();
            };
            transaction.onerror = () => reject(transaction.error);
          };
        }),
      { sessionKey: now - 3_600_000, today },
    );
    expect(stored.version).toBe(3);
    expect(stored.stores).toContain('runs');
    const { found } = stored;
    expect(found['one-ball']).toMatchObject({ completedAtMs: now - 86_400_000, bestStreakMs: 12_300 });
    expect(found['two-ball-exchange']).toMatchObject({ completedAtMs: null, bestStreakMs: 4_200 });
    expect(found.session).toMatchObject({ practiceMs: 420_000, lessonId: 'one-ball' });
    expect((found.session as { points: unknown[] }).points).toHaveLength(2);
    expect((found.day as { practiceMs: number }).practiceMs).toBeGreaterThanOrEqual(420_000);
    expect(found.clip).toMatchObject({ label: '3b_cascade', recordingSessionId: 'rs-1' });
    expect(found.muted).toBe(true);
    expect(found.runs).toBe(0);
  } catch (error) {
    console.log(app.logs.slice(-30).join('\n'));
    throw error;
  } finally {
    await app.close();
  }
});
