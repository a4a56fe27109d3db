// The root's layout: the coach beside (or, narrow, above) the picture; history, dataset and
// teach over everything; notices on top.
import { css } from 'lit';

export const appStyles = css`
  :host {
    position: fixed;
    inset: 0;
    display: block;
    background: #000000;
    color: #ffffff;
    font-family: system-ui, sans-serif;
  }
  .version {
    position: absolute;
    top: 0.4rem;
    right: 0.6rem;
    font-size: 0.8rem;
    color: #aab2c8;
    z-index: 5;
  }
  .notices {
    position: absolute;
    top: 1rem;
    left: 50%;
    transform: translateX(-50%);
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
    z-index: 10;
    width: max-content;
    max-width: calc(100% - 2rem);
  }
  .layout {
    position: absolute;
    inset: 0;
    display: grid;
    grid-template-columns: 1fr;
  }
  .layout.coaching {
    grid-template-columns: min(28rem, 36vw) 1fr;
  }
  /* Narrow windows: the coach above the picture. */
  @media (max-width: 56rem) {
    .layout.coaching {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(0, 45%) 1fr;
    }
    /* Clear of the version label in the top-right corner. */
    jt-coach {
      padding-top: 1.6rem;
      border-right: none;
      border-bottom: 2px solid #2a3247;
    }
  }
  .layout > * {
    min-width: 0;
    min-height: 0;
  }
  jt-history,
  jt-dataset,
  jt-teach {
    position: absolute;
    inset: 0;
    z-index: 6;
  }
`;
