// Scoring real footage (tools/eval-real.ts): each clip's windows → one answer → recall per ball
// count and how often nobody juggling reads as juggling. Pure, so Node tests check the arithmetic.

export interface RealManifestClip {
  readonly file: string;
  /** Balls in the pattern counted by eye; 0: nobody juggling. */
  readonly balls: number;
  readonly pattern?: string;
  readonly scored: boolean;
}

export interface RealClipResult {
  readonly clip: RealManifestClip;
  /** Per window: the ball count the headline shows, null for "Not sure yet…". */
  readonly counts: readonly (number | null)[];
  readonly error: string | null;
  /** Catches the catch counter counted over the clip (a model with a ball detector; else absent). */
  readonly catches?: number;
  /** Median peak of the clip's throws above the eyes, head radii (a model with a pose network, where it saw the head; else absent). */
  readonly peakAboveEyesRadii?: number;
}

export interface RealClipSummary {
  readonly file: string;
  readonly truth: number;
  readonly scored: boolean;
  /** The count shown in most windows ('unsure' when "Not sure yet…" is the most shown; 'error' when the clip could not be read). */
  readonly answer: number | 'unsure' | 'error';
  readonly windows: number;
  /** Share of windows per shown count, and unsure. */
  readonly shares: Readonly<Record<'0' | '1' | '2' | '3' | 'unsure', number>>;
  readonly right: boolean;
  readonly error: string | null;
  readonly catches: number | null;
  readonly peakAboveEyesRadii: number | null;
}

export interface RealSetSummary {
  readonly clips: readonly RealClipSummary[];
  /** Per true count (0–3) among scored clips: right / clips. */
  readonly recall: Readonly<Record<string, { right: number; clips: number }>>;
  /** Mean recall over 1, 2 and 3 balls (the counts present). */
  readonly meanJugglingRecall: number | null;
  /** Scored nobody-juggling clips whose answer is a ball count above 0. */
  readonly nobodyReadAsJuggling: { clips: number; of: number };
}

const KEYS = ['0', '1', '2', '3', 'unsure'] as const;

export function summariseClip(result: RealClipResult): RealClipSummary {
  const shares = Object.fromEntries(KEYS.map((key) => [key, 0])) as Record<(typeof KEYS)[number], number>;
  for (const count of result.counts) {
    const key = count === null ? 'unsure' : (String(Math.min(3, count)) as '0' | '1' | '2' | '3');
    shares[key] += 1 / result.counts.length;
  }
  let answer: RealClipSummary['answer'] = 'error';
  if (!result.error && result.counts.length > 0) {
    let best: (typeof KEYS)[number] = 'unsure';
    for (const key of KEYS) if (shares[key] > shares[best] + 1e-9) best = key;
    answer = best === 'unsure' ? 'unsure' : Number(best);
  }
  return { file: result.clip.file, truth: result.clip.balls, scored: result.clip.scored, answer, windows: result.counts.length, shares, right: answer === result.clip.balls, error: result.error, catches: result.catches ?? null, peakAboveEyesRadii: result.peakAboveEyesRadii ?? null };
}

export function summariseRealClips(results: readonly RealClipResult[]): RealSetSummary {
  const clips = results.map(summariseClip);
  const recall: Record<string, { right: number; clips: number }> = {};
  for (const clip of clips.filter((entry) => entry.scored && entry.truth <= 3)) {
    const entry = (recall[String(clip.truth)] ??= { right: 0, clips: 0 });
    entry.clips += 1;
    if (clip.right) entry.right += 1;
  }
  const juggling = ['1', '2', '3'].filter((key) => recall[key]);
  const meanJugglingRecall = juggling.length ? juggling.reduce((sum, key) => sum + recall[key].right / recall[key].clips, 0) / juggling.length : null;
  const nobody = clips.filter((clip) => clip.scored && clip.truth === 0);
  return {
    clips,
    recall,
    meanJugglingRecall,
    nobodyReadAsJuggling: { clips: nobody.filter((clip) => typeof clip.answer === 'number' && clip.answer > 0).length, of: nobody.length },
  };
}

const percent = (value: number) => `${Math.round(value * 100)} %`;

export function realReport(summary: RealSetSummary, title: string): string {
  const lines = [
    `Real footage: ${title}`,
    '',
  ];
  // Catches counted: a column only when the model counts them (a ball detector).
  const withCatches = summary.clips.some((clip) => clip.catches !== null);
  // Throws' peaks against the head: a column only when the pose network saw a head.
  const withPeaks = summary.clips.some((clip) => clip.peakAboveEyesRadii !== null);
  lines.push(`| clip | truth | answer | windows | 0 | 1 | 2 | 3 | unsure | right |${withCatches ? ' catches counted |' : ''}${withPeaks ? ' peaks above the eyes (head radii, median) |' : ''}`);
  lines.push(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---|${withCatches ? '---:|' : ''}${withPeaks ? '---:|' : ''}`);
  for (const clip of summary.clips) {
    const name = clip.file.replace(/^videos\//, '').slice(0, 60);
    const shares = KEYS.map((key) => percent(clip.shares[key])).join(' | ');
    const right = !clip.scored ? 'not scored' : clip.right ? 'yes' : 'no';
    lines.push(`| ${name} | ${clip.truth} | ${clip.answer} | ${clip.windows} | ${shares} | ${right}${clip.error ? ` (${clip.error})` : ''} |${withCatches ? ` ${clip.catches ?? '–'} |` : ''}${withPeaks ? ` ${clip.peakAboveEyesRadii === null ? '–' : clip.peakAboveEyesRadii.toFixed(1)} |` : ''}`);
  }
  lines.push('', '| truth | right / clips | recall |', '|---:|---:|---:|');
  for (const key of Object.keys(summary.recall).sort()) {
    const entry = summary.recall[key];
    lines.push(`| ${key === '0' ? '0 (nobody juggling)' : `${key} balls`} | ${entry.right} / ${entry.clips} | ${percent(entry.right / entry.clips)} |`);
  }
  lines.push('');
  lines.push(`Mean recall over the juggling counts present: ${summary.meanJugglingRecall === null ? '–' : percent(summary.meanJugglingRecall)}`);
  lines.push(`Nobody juggling read as juggling: ${summary.nobodyReadAsJuggling.clips} of ${summary.nobodyReadAsJuggling.of}`);
  return lines.join('\n');
}
