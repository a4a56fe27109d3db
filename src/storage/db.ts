// The one IndexedDB database of the app: a typed idb schema, versioned upgrades that keep what
// is stored, and one shared connection. Repositories (progress.ts, sessions.ts, settings.ts)
// are the only callers; elements never see idb.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TimelinePoint } from '../core/lesson-timeline.ts';
import type { PersonalHeadRecord } from '../core/personal-head-types.ts';
import type { RunRecord } from '../core/run-records.ts';
import type { StepProgress } from '../core/step-progress.ts';

export const DB_NAME = 'juggling-trainer';

export interface SessionRecord {
  /** Wall-clock start, also the key: one session per app visit with the camera on. */
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly practiceMs: number;
  /** The lesson open at the end of the session, if any. */
  readonly lessonId: string | null;
  readonly points: readonly TimelinePoint[];
}

export interface DayTotal {
  /** Local date "YYYY-MM-DD". */
  readonly day: string;
  readonly practiceMs: number;
}

export type ClipSplit = 'train' | 'validation';

/** Metadata of one recorded (or imported) clip. Video and tensor live in their own stores under the same id. */
export interface ClipRecord {
  /** crypto.randomUUID(). */
  readonly id: string;
  /** Grammar-valid class name (src/core/labels.ts). */
  readonly label: string;
  readonly recordedAtMs: number;
  readonly durationMs: number;
  /** Camera label as the browser reports it ('' when unknown). */
  readonly camera: string;
  /** Clips recorded in one sitting share it; the train/validation split is made per recording session. */
  readonly recordingSessionId: string;
  readonly split: ClipSplit;
  readonly videoMimeType: string;
}

/**
 * The model-ready frames of a clip: the shipped preprocessing (src/core/preprocess.ts) applied to
 * the frames sampled at the model's fps, one crop for the whole clip, uint8 [C=3][frames][height][width].
 */
export interface ClipTensorRecord {
  readonly id: string;
  readonly frames: number;
  readonly height: number;
  readonly width: number;
  readonly fps: number;
  readonly data: Uint8Array;
}

export interface ClipVideoRecord {
  readonly id: string;
  readonly video: Blob;
}

export interface JtSchema extends DBSchema {
  progress: { key: string; value: StepProgress };
  sessions: { key: number; value: SessionRecord };
  days: { key: string; value: DayTotal };
  settings: { key: string; value: unknown };
  clips: { key: string; value: ClipRecord; indexes: { byLabel: string; byRecordingSession: string } };
  clipTensors: { key: string; value: ClipTensorRecord };
  clipVideos: { key: string; value: ClipVideoRecord };
  heads: { key: string; value: PersonalHeadRecord };
  runs: { key: string; value: RunRecord; indexes: { byStart: number } };
}

/**
 * One entry per version, applied in order from the stored version up. Never edit a released
 * entry: add the next one, so every older database is carried forward with its data.
 */
const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<JtSchema>) => void> = [
  // v1: coach progress, practice sessions, practice time per day, settings.
  (db) => {
    db.createObjectStore('progress', { keyPath: 'stepId' });
    db.createObjectStore('sessions', { keyPath: 'startedAtMs' });
    db.createObjectStore('days', { keyPath: 'day' });
    db.createObjectStore('settings');
  },
  // v2: recorded clips (metadata, model-ready tensors, encoded videos) and personal heads.
  (db) => {
    const clips = db.createObjectStore('clips', { keyPath: 'id' });
    clips.createIndex('byLabel', 'label');
    clips.createIndex('byRecordingSession', 'recordingSessionId');
    db.createObjectStore('clipTensors', { keyPath: 'id' });
    db.createObjectStore('clipVideos', { keyPath: 'id' });
    db.createObjectStore('heads', { keyPath: 'id' });
  },
  // v3: runs of catches (src/core/run-records.ts), every finished run; nothing older is touched.
  (db) => {
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('byStart', 'startedAtMs');
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** A failure a person can act on: storage blocked (private mode), full, or broken. */
export class StorageError extends Error {
  constructor(action: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const full = cause instanceof DOMException && cause.name === 'QuotaExceededError';
    super(
      full
        ? `Could not ${action}: the browser's storage for this site is full. Free some space (or delete old sessions) and try again.`
        : `Could not ${action} (${reason}). Practice works; progress is kept again once storage is available.`,
    );
    this.name = 'StorageError';
  }
}

let connection: Promise<IDBPDatabase<JtSchema>> | null = null;

export function database(): Promise<IDBPDatabase<JtSchema>> {
  if (!connection) {
    connection = openDB<JtSchema>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion) {
        for (let version = oldVersion; version < MIGRATIONS.length; version++) MIGRATIONS[version](db);
      },
      // Another tab holds an older version open: let it go so this one can upgrade.
      blocking() {
        void connection?.then((db) => db.close());
        connection = null;
      },
      terminated() {
        connection = null;
      },
    });
    connection.catch(() => (connection = null));
  }
  return connection;
}

/** Runs one repository operation, turning failures into StorageError. */
export async function withDatabase<T>(action: string, run: (db: IDBPDatabase<JtSchema>) => Promise<T>): Promise<T> {
  try {
    return await run(await database());
  } catch (error) {
    throw error instanceof StorageError ? error : new StorageError(action, error);
  }
}
