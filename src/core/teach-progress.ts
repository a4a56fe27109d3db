// What the teach view says while it teaches, and the choices it offers: pure, tested in Node.
import type { EpochReport } from './personal-head.ts';

export type TeachProgress =
  | { readonly kind: 'reading'; readonly clipsRead: number; readonly clipsTotal: number }
  | { readonly kind: 'features'; readonly windowsDone: number; readonly windowsTotal: number }
  | { readonly kind: 'training'; readonly report: EpochReport };

/** The head kinds a person can pick: hidden layer width (0 = softmax regression). */
export const HEAD_KINDS = [
  { hiddenSize: 64, text: 'Small network (MLP)' },
  { hiddenSize: 0, text: 'Simple (softmax regression)' },
] as const;

export function defaultHeadName(date = new Date()): string {
  return `My head · ${date.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}`;
}

/** The progress bar's value (reading 5 %, the model on the clips 80 %, training 15 %) and its line. */
export function teachProgressText(progress: TeachProgress): { value: number; text: string } {
  switch (progress.kind) {
    case 'reading':
      return { value: 0.05 * (progress.clipsRead / Math.max(progress.clipsTotal, 1)), text: `Reading clips ${progress.clipsRead}/${progress.clipsTotal}` };
    case 'features':
      return {
        value: 0.05 + 0.8 * (progress.windowsDone / Math.max(progress.windowsTotal, 1)),
        text: `The model watches your clips: ${progress.windowsDone}/${progress.windowsTotal} windows`,
      };
    case 'training': {
      const { epoch, maxEpochs, validationAccuracy, bestEpoch } = progress.report;
      const accuracy = validationAccuracy === null ? '' : ` · validation ${Math.round(validationAccuracy * 100)} % (best epoch ${bestEpoch})`;
      return { value: 0.85 + 0.15 * (epoch / maxEpochs), text: `Training: epoch ${epoch} of at most ${maxEpochs}${accuracy}` };
    }
  }
}
