// Small preferences that should survive a reload (voice muted).
import { withDatabase } from './db.ts';

export async function loadSetting<T>(key: string, fallback: T): Promise<T> {
  return withDatabase('read your settings', async (db) => ((await db.get('settings', key)) as T | undefined) ?? fallback);
}

export async function saveSetting<T>(key: string, value: T): Promise<void> {
  await withDatabase('save your settings', async (db) => {
    await db.put('settings', value, key);
  });
}
