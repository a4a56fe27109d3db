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
