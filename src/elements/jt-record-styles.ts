// The record view's look: the live picture with a large countdown over it, and a control panel.
import { css } from 'lit';

export const recordStyles = css`
  :host {
    position: absolute;
    inset: 0;
    display: grid;
    grid-template-columns: 1fr min(27rem, 40vw);
    background: #000000;
    color: #ffffff;
  }
  @media (max-width: 56rem) {
    :host {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(0, 45%) 1fr;
    }
  }
  .panel {
    min-width: 0;
    min-height: 0;
    overflow-y: auto;
    box-sizing: border-box;
    /* Clear of the version label in the top-right corner. */
    padding: 1.6rem 1.2rem 1.5rem;
    background: #101420;
    border-left: 2px solid #2a3247;
    display: flex;
    flex-direction: column;
    gap: 0.9rem;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    flex-wrap: wrap;
  }
  h1 {
    margin: 0 auto 0 0;
    font-size: 1.5rem;
    color: #ffd400;
  }
  header button {
    font-size: 1rem;
    padding: 0.35em 0.8em;
  }
  .ok {
    color: #7ee787;
    margin: 0;
  }
  button.stop {
    background: #d0142c;
    border-color: #d0142c;
    font-weight: 700;
  }
`;

/** The record view's form fields (jt-record-settings) and its notes, errors and keys (both elements). */
export const recordFieldStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
  }
  .field > span {
    color: #aab2c8;
    font-size: 0.95rem;
  }
  .row {
    display: flex;
    gap: 0.8rem;
    flex-wrap: wrap;
  }
  .row .field {
    flex: 1 1 7rem;
  }
  input[type='text'],
  input[type='number'] {
    font: inherit;
    font-size: 1.1rem;
    padding: 0.4em 0.6em;
    border-radius: 0.4em;
    border: 2px solid #aab2c8;
    background: #1b2233;
    color: #ffffff;
    min-width: 0;
  }
  input:focus-visible {
    outline: 4px solid #40c8ff;
    outline-offset: 1px;
  }
  input[aria-invalid='true'] {
    border-color: #ff6b6b;
  }
  select {
    font-size: 1.1rem;
    max-width: 100%;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-size: 1.05rem;
  }
  .check input {
    width: 1.3rem;
    height: 1.3rem;
  }
  .error {
    color: #ff8a8a;
    margin: 0;
  }
  .note {
    color: #aab2c8;
    margin: 0;
    font-size: 0.95rem;
  }
`;

/** The live picture with the countdown, the REC badge and the review over it (jt-record-stage). */
export const recordStageStyles = css`
  .stage {
    position: relative;
    min-width: 0;
    min-height: 0;
    overflow: hidden;
  }
  .stage video {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .stage video.mirrored {
    transform: scaleX(-1);
  }
  .countdown {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    font-size: min(40vh, 30vw);
    font-weight: 800;
    color: #ffd400;
    text-shadow: 0 0 0.1em #000000, 0 0 0.3em #000000;
    pointer-events: none;
  }
  .rec {
    position: absolute;
    top: 1rem;
    left: 1rem;
    padding: 0.3em 0.7em;
    border-radius: 0.4em;
    background: #d0142c;
    font-size: clamp(1.2rem, 3vw, 2.4rem);
    font-weight: 800;
  }
  .series {
    position: absolute;
    top: 1rem;
    right: 1rem;
    padding: 0.3em 0.7em;
    border-radius: 0.4em;
    background: rgba(0, 0, 0, 0.6);
    font-size: clamp(1rem, 2.4vw, 1.8rem);
  }
  .stage .hint {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 1rem;
    text-align: center;
    font-size: clamp(1rem, 2vw, 1.4rem);
    color: #d8deeb;
    text-shadow: 0 0 0.3em #000000;
  }
  .review {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 1rem;
    background: rgba(0, 0, 0, 0.85);
  }
  .review video {
    position: static;
    width: min(90%, 48rem);
    height: auto;
    max-height: 70%;
    background: #000000;
  }
`;

/** The rows of buttons and the keys named in hints, in every part of the record view. */
export const recordSharedStyles = css`
  .actions {
    display: flex;
    gap: 0.6rem;
    flex-wrap: wrap;
  }
  .actions button {
    flex: 1 1 auto;
  }
  button[disabled] {
    opacity: 0.45;
    cursor: not-allowed;
  }
  kbd {
    border: 1px solid #aab2c8;
    border-radius: 0.3em;
    padding: 0 0.35em;
    font: inherit;
    font-size: 0.9em;
  }
`;
