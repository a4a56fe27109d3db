// The coach's voice: the Web Speech API where the browser has a voice, short WebAudio tones
// where it has none (the text is always on screen too). Muting silences both.
import type { CueKind } from '../core/lesson-cues.ts';

export type { CueKind };

/** Tone melodies (Hz) for when no voice is available: a cue still sounds different by kind. */
const TONES: Record<CueKind, readonly number[]> = {
  intro: [660],
  tip: [440, 440],
  success: [523, 659, 784, 1047],
};
const TONE_MS = 140;

export class Speaker {
  muted = false;
  private audio: AudioContext | null = null;

  constructor() {
    // Chrome loads its voice list lazily: asking early makes it ready by the first cue.
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.getVoices();
  }

  /** Is a speech voice available right now? (Chrome fills the list shortly after load.) */
  get hasVoice(): boolean {
    return typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0;
  }

  /** Says the text (or plays its tone); returns how it was delivered. */
  say(text: string, kind: CueKind): 'voice' | 'tone' | 'muted' {
    if (this.muted) return 'muted';
    if (this.hasVoice) {
      // Success matters more than anything still being said.
      if (kind === 'success') speechSynthesis.cancel();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.rate = 1.05;
      utterance.lang = navigator.language || 'en';
      speechSynthesis.speak(utterance);
      return 'voice';
    }
    this.playTones(TONES[kind]);
    return 'tone';
  }

  /** Stops talking now (mute pressed, lesson closed). */
  silence(): void {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }

  /** Call from a click: browsers only let audio start after a user gesture. */
  unlockAudio(): void {
    void this.context()?.resume().catch(() => undefined);
  }

  private context(): AudioContext | null {
    if (typeof AudioContext === 'undefined') return null;
    this.audio ??= new AudioContext();
    return this.audio;
  }

  private playTones(frequencies: readonly number[]): void {
    const context = this.context();
    if (!context || context.state === 'closed') return;
    const start = context.currentTime + 0.02;
    frequencies.forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const at = start + (index * TONE_MS) / 1000;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.25, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + (TONE_MS - 10) / 1000);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + TONE_MS / 1000);
    });
  }
}
