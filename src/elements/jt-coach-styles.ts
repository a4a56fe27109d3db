// The coach panel's look, apart from its logic: the live parts (streak, tip, success) are big
// enough to read from where a person juggles; the lesson text is for reading up close.
import { css } from 'lit';
import { buttonStyles } from './styles.ts';

export const coachStyles = [
  buttonStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
      box-sizing: border-box;
      height: 100%;
      overflow-y: auto;
      padding: 0.8rem 1rem 1.2rem;
      background: #101420;
      color: #ffffff;
      border-right: 2px solid #2a3247;
    }
    header {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    header h1 {
      margin: 0 auto 0 0;
      font-size: 1.3rem;
      color: #ffd400;
    }
    header button {
      font-size: 0.95rem;
      padding: 0.35em 0.7em;
    }
    .position {
      margin: 0;
      color: #aab2c8;
      display: flex;
      gap: 0.8rem;
    }
    .done {
      color: #7cff6b;
      font-weight: 700;
    }
    h2 {
      margin: 0;
      font-size: clamp(1.4rem, 2.2vw, 2rem);
      line-height: 1.1;
    }
    .streak {
      background: #1b2233;
      border-radius: 0.6rem;
      padding: 0.6rem 0.8rem;
    }
    .timer {
      font-size: clamp(2.5rem, 5vw, 4rem);
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      line-height: 1;
    }
    .timer small {
      font-size: 0.4em;
      font-weight: 600;
      color: #aab2c8;
    }
    .bar {
      margin-top: 0.5rem;
      height: 0.8rem;
      border-radius: 0.4rem;
      background: #000000;
      overflow: hidden;
    }
    .bar > div {
      height: 100%;
      background: #7cff6b;
      transition: width 200ms linear;
    }
    .stats {
      margin-top: 0.4rem;
      display: flex;
      gap: 1.2rem;
      font-size: 1.1rem;
      color: #d0d4e0;
      font-variant-numeric: tabular-nums;
    }
    .tip {
      margin: 0;
      /* Its own min-height lets the column (which scrolls) squeeze a two-line tip into one line's space: never shrink. */
      flex-shrink: 0;
      min-height: 1.3em;
      font-size: clamp(1.2rem, 2.2vw, 1.7rem);
      font-weight: 700;
      color: #ffd400;
    }
    .success {
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
      padding: 0.7rem 0.8rem;
      border-radius: 0.6rem;
      background: #173d1c;
      border: 2px solid #7cff6b;
      font-size: 1.1rem;
      animation: celebrate 600ms ease-out;
    }
    @keyframes celebrate {
      0% {
        transform: scale(0.85);
        background: #7cff6b;
      }
      60% {
        transform: scale(1.04);
      }
      100% {
        transform: scale(1);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .success {
        animation: none;
      }
    }
    .success strong {
      font-size: 1.6rem;
    }
    .storage-error {
      margin: 0;
      padding: 0.5rem 0.7rem;
      border-radius: 0.5rem;
      background: #4a1f1f;
      color: #ffd6d6;
    }
    .lesson {
      display: grid;
      grid-template-columns: minmax(6rem, 8.5rem) 1fr;
      gap: 0.8rem;
      align-items: start;
    }
    .goal {
      margin: 0 0 0.3rem;
      font-weight: 600;
    }
    .instructions {
      margin: 0;
      padding-left: 1.2rem;
      color: #d0d4e0;
      font-size: 0.95rem;
      line-height: 1.35;
    }
    details summary {
      cursor: pointer;
      color: #aab2c8;
      margin-bottom: 0.4rem;
    }
    .loading {
      color: #aab2c8;
    }
  `,
];
