// Personal heads: saved, listed, deleted, one of them active (a setting), and moved in and out
// as JSON files. What makes a head valid is decided in core (personal-head-json.ts).
import { headToJson } from '../core/personal-head-json.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import { withDatabase } from './db.ts';
import { loadSetting, saveSetting } from './settings.ts';

export type { PersonalHeadRecord } from '../core/personal-head-types.ts';
export { HeadFormatError } from '../core/personal-head-json.ts';

const ACTIVE_HEAD_SETTING = 'activeHeadId';

export async function saveHead(head: PersonalHeadRecord): Promise<void> {
  await withDatabase('save this head', async (db) => {
    await db.put('heads', head);
  });
}

/** All heads, newest first. */
export async function listHeads(): Promise<PersonalHeadRecord[]> {
  return withDatabase('read your heads', async (db) => (await db.getAll('heads')).sort((a, b) => b.createdAtMs - a.createdAtMs));
}

export async function getHead(id: string): Promise<PersonalHeadRecord | undefined> {
  return withDatabase('read a head', (db) => db.get('heads', id));
}

/** Deletes a head; the shipped head becomes active again if it was the active one. */
export async function deleteHead(id: string): Promise<void> {
  await withDatabase('delete this head', async (db) => {
    const transaction = db.transaction(['heads', 'settings'], 'readwrite');
    await transaction.objectStore('heads').delete(id);
    if ((await transaction.objectStore('settings').get(ACTIVE_HEAD_SETTING)) === id) await transaction.objectStore('settings').put(null, ACTIVE_HEAD_SETTING);
    await transaction.done;
  });
}

/** The id of the head the practice view uses; null: the shipped head. */
export async function loadActiveHeadId(): Promise<string | null> {
  return loadSetting<string | null>(ACTIVE_HEAD_SETTING, null);
}

/** The active head itself (null when none is active or it was deleted). */
export async function loadActiveHead(): Promise<PersonalHeadRecord | null> {
  const id = await loadActiveHeadId();
  return id ? ((await getHead(id)) ?? null) : null;
}

export async function saveActiveHeadId(id: string | null): Promise<void> {
  await saveSetting(ACTIVE_HEAD_SETTING, id);
}

/** The head as a JSON file's text. */
export function exportHead(head: PersonalHeadRecord): string {
  return headToJson(head);
}

/**
 * Saves a head already checked against the shipped model (parseHeadJson, in the import worker).
 * A head whose id is already stored is saved under a new id, so an import never overwrites a head.
 */
export async function saveImportedHead(parsed: PersonalHeadRecord, newId: () => string = () => crypto.randomUUID()): Promise<PersonalHeadRecord> {
  const head = (await getHead(parsed.id)) ? { ...parsed, id: newId() } : parsed;
  await saveHead(head);
  return head;
}
