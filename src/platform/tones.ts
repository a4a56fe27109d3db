// Short WebAudio beeps for the recording countdown: audible from across the room, no voice needed.

export class Beeper {
  private audio: AudioContext | null = null;
  muted = false;

  /** Call from a click or key press: browsers only start audio after a user gesture. */
  unlock(): void {
    void this.context()?.resume().catch(() => undefined);
  }

  beep(frequency: number, durationMs: number, volume = 0.3): void {
    const context = this.muted ? null : this.context();
    if (!context || context.state === 'closed') return;
    const at = context.currentTime + 0.01;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(volume, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + Math.max(durationMs - 10, 20) / 1000);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + durationMs / 1000);
  }

  close(): void {
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }

  private context(): AudioContext | null {
    if (typeof AudioContext === 'undefined') return null;
    this.audio ??= new AudioContext();
    return this.audio;
  }
}

/** The countdown's sounds: a tick per second, a high "go", a low "stop". */
export const TONE = {
  tick: { frequency: 660, durationMs: 120 },
  go: { frequency: 1320, durationMs: 300 },
  stop: { frequency: 440, durationMs: 220 },
} as const;
