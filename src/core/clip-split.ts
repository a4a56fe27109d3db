// Train/validation split of recorded clips, by recording session: clips recorded in one sitting
// look alike (same light, clothes, camera angle), so a session is never on both sides, or the
// validation accuracy would flatter the model. Deterministic: sessions are ordered by a hash of
// their id (not by time or by the order clips arrive), so the same clips always split the same.

export type Split = 'train' | 'validation';

export interface SplitClip {
  readonly id: string;
  readonly recordingSessionId: string;
}

export interface SplitPlan {
  /** Split of every clip id. */
  readonly splits: ReadonlyMap<string, Split>;
  readonly trainSessions: readonly string[];
  readonly validationSessions: readonly string[];
  /** Why the split is not the usual one (one session only), for people; null otherwise. */
  readonly note: string | null;
}

/** Share of clips aimed for validation. */
export const VALIDATION_FRACTION = 0.2;

export const ONE_SESSION_NOTE =
  'All clips come from one recording session, so all are for training and there is no validation split. Record another session (open Record again another time) to get one.';

/** FNV-1a, 32-bit: a stable, well-mixed order of session ids. */
export function sessionHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Splits clips by session: with one session all train (and says so); with two or more, the first
 * k sessions in hash order are validation, k in 1 … sessions−1 chosen so validation holds the
 * share of clips closest to `fraction` (the smaller k on a tie).
 */
export function planSplits(clips: readonly SplitClip[], fraction = VALIDATION_FRACTION): SplitPlan {
  const sizes = new Map<string, number>();
  for (const clip of clips) sizes.set(clip.recordingSessionId, (sizes.get(clip.recordingSessionId) ?? 0) + 1);
  const sessions = [...sizes.keys()].sort((a, b) => sessionHash(a) - sessionHash(b) || (a < b ? -1 : a > b ? 1 : 0));
  let validationCount = 0;
  if (sessions.length >= 2) {
    let best = Infinity;
    let running = 0;
    for (let k = 1; k < sessions.length; k++) {
      running += sizes.get(sessions[k - 1])!;
      const distance = Math.abs(running / clips.length - fraction);
      if (distance < best - 1e-12) {
        best = distance;
        validationCount = k;
      }
    }
  }
  const validation = new Set(sessions.slice(0, validationCount));
  const splits = new Map<string, Split>();
  for (const clip of clips) splits.set(clip.id, validation.has(clip.recordingSessionId) ? 'validation' : 'train');
  return {
    splits,
    validationSessions: sessions.slice(0, validationCount),
    trainSessions: sessions.slice(validationCount),
    note: sessions.length === 1 ? ONE_SESSION_NOTE : null,
  };
}

export interface SessionClip extends SplitClip {
  readonly recordedAtMs: number;
  readonly split: Split;
}

/** One recording session as the dataset view lists it. */
export interface SessionRow {
  readonly id: string;
  /** When its first clip was recorded. */
  readonly firstMs: number;
  readonly clips: number;
  /** The split its clips are on (one side for the whole session, by planSplits). */
  readonly split: Split;
}

/** The recording sessions of `clips`, oldest first. */
export function recordingSessions(clips: readonly SessionClip[]): SessionRow[] {
  const rows = new Map<string, SessionRow>();
  for (const clip of clips) {
    const row = rows.get(clip.recordingSessionId);
    rows.set(clip.recordingSessionId, {
      id: clip.recordingSessionId,
      firstMs: Math.min(row?.firstMs ?? Infinity, clip.recordedAtMs),
      clips: (row?.clips ?? 0) + 1,
      split: clip.split,
    });
  }
  return [...rows.values()].sort((a, b) => a.firstMs - b.firstMs);
}
