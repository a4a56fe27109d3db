// The teach view's look (kept apart so jt-teach.ts stays about behaviour).
import { css } from 'lit';

export const teachStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    overflow-y: auto;
    padding: 1rem 1.5rem 2rem;
    background: #101420;
    color: #ffffff;
  }
  header,
  section {
    max-width: 60rem;
    margin: 0 auto;
  }
  header {
    display: flex;
    align-items: center;
    gap: 1rem;
  }
  h1 {
    margin: 0 auto 0 0;
    color: #ffd400;
  }
  section {
    margin-top: 1.2rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0.4rem 0;
  }
  .hint {
    color: #aab2c8;
  }
  table.clips {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  table.clips th,
  table.clips td {
    padding: 0.25rem 0.9rem 0.25rem 0;
    text-align: left;
  }
  table.clips td.count {
    text-align: right;
  }
  .problem {
    padding: 0.5rem 0.8rem;
    border-radius: 0.5rem;
    border-left: 6px solid #ffa040;
    background: #2a2233;
  }
  .problem.blocking,
  .error {
    border-left-color: #ff5252;
  }
  .error {
    padding: 0.5rem 0.8rem;
    border-radius: 0.5rem;
    border-left: 6px solid #ff5252;
    background: #331b22;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem 1rem;
    align-items: center;
  }
  .controls.head-import {
    margin-top: 0.6rem;
  }
  input[type='text'] {
    font: inherit;
    font-size: 1.1rem;
    padding: 0.45em 0.6em;
    border-radius: 0.5em;
    border: 2px solid #aab2c8;
    background: #0b0e16;
    color: #ffffff;
    min-width: 14rem;
  }
  progress {
    width: 100%;
    height: 1.2rem;
    accent-color: #40c8ff;
  }
  .scores {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 2rem;
    font-size: 1.3rem;
    font-variant-numeric: tabular-nums;
  }
  .scores strong {
    color: #7cff6b;
  }
  .matrices {
    display: flex;
    flex-wrap: wrap;
    gap: 1.5rem;
    margin-top: 0.8rem;
    overflow-x: auto;
  }
  .file {
    position: relative;
    overflow: hidden;
  }
  .file input {
    position: absolute;
    inset: 0;
    opacity: 0;
    cursor: pointer;
  }
  .notice {
    color: #7cff6b;
  }
`;
