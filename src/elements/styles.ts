// Shared look: high contrast, large type, readable from 3 m away.
import { css } from 'lit';

export const buttonStyles = css`
  button,
  select {
    font: inherit;
    font-size: clamp(1rem, 2.2vw, 1.5rem);
    padding: 0.5em 1em;
    border-radius: 0.5em;
    border: 2px solid #ffffff;
    background: #101420;
    color: #ffffff;
    cursor: pointer;
  }
  button.primary {
    background: #ffd400;
    border-color: #ffd400;
    color: #000000;
    font-weight: 700;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 4px solid #40c8ff;
    outline-offset: 2px;
  }
`;

/** A clip's or a session's split, as a small coloured pill: `<span class="badge train">`. */
export const splitBadgeStyles = css`
  .badge {
    display: inline-block;
    width: max-content;
    padding: 0 0.5em;
    border-radius: 1em;
    font-size: 0.8rem;
    font-weight: 700;
  }
  .badge.train {
    background: #1f4d7a;
  }
  .badge.validation {
    background: #7a4d1f;
  }
`;
