// Recorded clips: metadata (`clips`), model-ready tensors (`clipTensors`) and encoded videos
// (`clipVideos`), three stores under one id. This module is the only access to them. Every write
// that adds or removes clips also re-plans the train/validation split (src/core/clip-split.ts) in
// the same transaction, so a recording session is never on both sides of the split.
import type { IDBPTransaction } from 'idb';
import { parseLabel } from '../core/labels.ts';
import { planSplits } from '../core/clip-split.ts';
import { StorageError, withDatabase, type ClipRecord, type ClipSplit, type ClipTensorRecord, type JtSchema } from './db.ts';

export type { ClipRecord, ClipSplit, ClipTensorRecord } from './db.ts';
export { StorageError } from './db.ts';

/** Everything stored for one clip: what deleteClips hands back so the UI can undo. */
export interface StoredClip {
  readonly meta: ClipRecord;
  readonly tensor: ClipTensorRecord;
  readonly video: Blob;
}

export interface ImportResult {
  /** Ids written. */
  readonly added: readonly string[];
  /** Ids already in the database (the same clip imported before): left as they are. */
  readonly skipped: readonly string[];
}

export interface StorageStatus {
  /** Bytes this site uses, and may use, as the browser estimates them (null when unknown). */
  readonly usageBytes: number | null;
  readonly quotaBytes: number | null;
  /** Whether the browser promised not to clear this site's data under storage pressure (null when unknown). */
  readonly persisted: boolean | null;
}

const CLIP_STORES = ['clips', 'clipTensors', 'clipVideos'] as const;
type ClipTransaction = IDBPTransaction<JtSchema, ('clips' | 'clipTensors' | 'clipVideos')[], 'readwrite'>;

function checkTensor(tensor: ClipTensorRecord, id: string): void {
  if (tensor.id !== id) throw new Error(`tensor id ${tensor.id} does not match clip ${id}`);
  const expected = 3 * tensor.frames * tensor.height * tensor.width;
  if (tensor.data.length !== expected) throw new Error(`tensor of clip ${id} has ${tensor.data.length} bytes, ${expected} expected`);
}

/** Re-plans every clip's split inside a write transaction; writes only the clips whose split changed. */
async function resplit(transaction: ClipTransaction): Promise<void> {
  const store = transaction.objectStore('clips');
  const all = await store.getAll();
  const { splits } = planSplits(all);
  for (const clip of all) {
    const split = splits.get(clip.id)!;
    if (clip.split !== split) await store.put({ ...clip, split });
  }
}

/**
 * Stores a new clip (metadata, tensor, video) in one transaction; its split is planned with the
 * others (the meta's own split is only a default). Returns the stored metadata.
 */
export async function saveClip(meta: ClipRecord, tensor: ClipTensorRecord, video: Blob): Promise<ClipRecord> {
  parseLabel(meta.label);
  checkTensor(tensor, meta.id);
  return withDatabase('save this clip', async (db) => {
    const transaction = db.transaction(CLIP_STORES, 'readwrite');
    await transaction.objectStore('clips').add(meta);
    await transaction.objectStore('clipTensors').add(tensor);
    await transaction.objectStore('clipVideos').add({ id: meta.id, video });
    await resplit(transaction);
    const stored = await transaction.objectStore('clips').get(meta.id);
    await transaction.done;
    return stored ?? meta;
  });
}

/** All clips' metadata, oldest first. */
export async function listClips(): Promise<ClipRecord[]> {
  return withDatabase('read your clips', async (db) => {
    const clips = await db.getAll('clips');
    return clips.sort((a, b) => a.recordedAtMs - b.recordedAtMs || (a.id < b.id ? -1 : 1));
  });
}

export async function getClipTensor(id: string): Promise<ClipTensorRecord | undefined> {
  return withDatabase('read a clip', (db) => db.get('clipTensors', id));
}

export async function getClipVideo(id: string): Promise<Blob | undefined> {
  return withDatabase('read a clip video', async (db) => (await db.get('clipVideos', id))?.video);
}

/** Gives a clip another class name (grammar-checked: throws LabelError first). Returns the new metadata. */
export async function relabelClip(id: string, label: string): Promise<ClipRecord> {
  parseLabel(label);
  return withDatabase('relabel this clip', async (db) => {
    const transaction = db.transaction('clips', 'readwrite');
    const clip = await transaction.store.get(id);
    if (!clip) throw new StorageError('relabel this clip', new Error('it is no longer stored'));
    const next = { ...clip, label };
    await transaction.store.put(next);
    await transaction.done;
    return next;
  });
}

/** Removes clips (all three stores) in one transaction; returns what was removed, for restoreClips. */
export async function deleteClips(ids: readonly string[]): Promise<StoredClip[]> {
  return withDatabase('delete clips', async (db) => {
    const transaction = db.transaction(CLIP_STORES, 'readwrite');
    const removed: StoredClip[] = [];
    for (const id of ids) {
      const meta = await transaction.objectStore('clips').get(id);
      const tensor = await transaction.objectStore('clipTensors').get(id);
      const video = await transaction.objectStore('clipVideos').get(id);
      if (meta && tensor && video) removed.push({ meta, tensor, video: video.video });
      await transaction.objectStore('clips').delete(id);
      await transaction.objectStore('clipTensors').delete(id);
      await transaction.objectStore('clipVideos').delete(id);
    }
    await resplit(transaction);
    await transaction.done;
    return removed;
  });
}

/** Puts removed clips back (undo), in one transaction. */
export async function restoreClips(clips: readonly StoredClip[]): Promise<void> {
  await withDatabase('restore clips', async (db) => {
    const transaction = db.transaction(CLIP_STORES, 'readwrite');
    for (const clip of clips) {
      await transaction.objectStore('clips').put(clip.meta);
      await transaction.objectStore('clipTensors').put(clip.tensor);
      await transaction.objectStore('clipVideos').put({ id: clip.meta.id, video: clip.video });
    }
    await resplit(transaction);
    await transaction.done;
  });
}

/** Sets given clips' splits (normally the planned split is kept by every write; this overrides it). */
export async function setSplits(splits: ReadonlyMap<string, ClipSplit>): Promise<void> {
  await withDatabase('save the split', async (db) => {
    const transaction = db.transaction('clips', 'readwrite');
    for (const [id, split] of splits) {
      const clip = await transaction.store.get(id);
      if (clip && clip.split !== split) await transaction.store.put({ ...clip, split });
    }
    await transaction.done;
  });
}

/**
 * Writes imported (already validated) clips all or nothing, in ONE transaction: any failure
 * (storage full, a bad record) aborts it and nothing is written. Ids already stored are skipped.
 */
export async function importClips(clips: readonly StoredClip[]): Promise<ImportResult> {
  for (const clip of clips) {
    parseLabel(clip.meta.label);
    checkTensor(clip.tensor, clip.meta.id);
  }
  return withDatabase('import these clips', async (db) => {
    const transaction = db.transaction(CLIP_STORES, 'readwrite');
    const added: string[] = [];
    const skipped: string[] = [];
    try {
      for (const clip of clips) {
        if ((await transaction.objectStore('clips').getKey(clip.meta.id)) !== undefined) {
          skipped.push(clip.meta.id);
          continue;
        }
        await transaction.objectStore('clips').add(clip.meta);
        await transaction.objectStore('clipTensors').add(clip.tensor);
        await transaction.objectStore('clipVideos').add({ id: clip.meta.id, video: clip.video });
        added.push(clip.meta.id);
      }
      await resplit(transaction);
      await transaction.done;
    } catch (error) {
      // Nothing of a failed import may stay: abort explicitly (an error in our code would not abort by itself).
      try {
        transaction.abort();
      } catch {
        // Already aborted by the failing request.
      }
      await transaction.done.catch(() => undefined);
      throw error;
    }
    return { added, skipped };
  });
}

/** Storage used / available and whether it is persistent. */
export async function storageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => null) ?? null,
    storage?.persisted?.().catch(() => null) ?? null,
  ]);
  return { usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null, persisted };
}

/** Asks the browser to keep this site's data under storage pressure; true when granted (null: not supported). */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return null;
  if (await storage.persisted?.().catch(() => false)) return true;
  return storage.persist().catch(() => false);
}
