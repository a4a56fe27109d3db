// The history view's two plots as SVG templates: minutes per day, and the ball count the
// model saw during one session (dots coloured by what it saw).
import { nothing, svg } from 'lit';
import { parseLabel } from '../core/labels.ts';
import { recentDays } from '../core/lesson-timeline.ts';
import type { SessionRecord } from '../storage/sessions.ts';

export const DAYS_SHOWN = 14;
const CHART_WIDTH = 640;
const CHART_HEIGHT = 180;
const PAD = { left: 56, right: 12, top: 18, bottom: 24 };

export function minutes(durationMs: number): string {
  const value = durationMs / 60_000;
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** Colour of one timeline point: dark grey unsure, light grey no balls, green done well, red a drop, orange another mistake. */
function pointColour(label: string | null): string {
  if (label === null) return '#6b7389';
  const parsed = parseLabel(label);
  if (parsed.balls === 0) return '#aab2c8';
  const quality = parsed.quality;
  if (quality === null) return '#7cff6b';
  return quality === 'drop' ? '#ff5252' : '#ffa040';
}

export function minutesChart(perDay: ReadonlyMap<string, number>, todayMs: number) {
  const days = recentDays(todayMs, DAYS_SHOWN);
  const values = days.map((day) => (perDay.get(day) ?? 0) / 60_000);
  const top = Math.max(1, Math.ceil(Math.max(...values)));
  const innerWidth = CHART_WIDTH - PAD.left - PAD.right;
  const innerHeight = CHART_HEIGHT - PAD.top - PAD.bottom;
  const slot = innerWidth / days.length;
  const y = (value: number) => PAD.top + innerHeight * (1 - value / top);
  return svg`<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="Minutes of juggling per day, last ${DAYS_SHOWN} days" data-testid="minutes-chart">
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(0)} y2=${y(0)} class="axis"></line>
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(top)} y2=${y(top)} class="grid"></line>
    <text x=${PAD.left - 6} y=${y(top) + 4} class="tick end">${top} min</text>
    <text x=${PAD.left - 6} y=${y(0) + 4} class="tick end">0</text>
    ${days.map((day, index) => {
      const x = PAD.left + index * slot;
      const value = values[index];
      const height = y(0) - y(value);
      return svg`<g data-day=${day} data-minutes=${value.toFixed(2)}>
        <rect x=${x + slot * 0.15} y=${y(value)} width=${slot * 0.7} height=${height} class="bar"></rect>
        ${value > 0 ? svg`<text x=${x + slot / 2} y=${y(value) - 4} class="tick middle">${value < 10 ? value.toFixed(1) : Math.round(value)}</text>` : nothing}
        <text x=${x + slot / 2} y=${CHART_HEIGHT - 6} class="tick middle">${Number(day.slice(8))}</text>
      </g>`;
    })}
  </svg>`;
}

export function ballsChart(session: SessionRecord) {
  const points = session.points;
  const lastSec = Math.max(1, points.at(-1)?.atSec ?? 1);
  const topBalls = Math.max(3, ...points.map((point) => point.balls));
  const innerWidth = CHART_WIDTH - PAD.left - PAD.right;
  const innerHeight = CHART_HEIGHT - PAD.top - PAD.bottom;
  const x = (seconds: number) => PAD.left + (innerWidth * seconds) / lastSec;
  const y = (balls: number) => PAD.top + innerHeight * (1 - balls / topBalls);
  // A step line: the count holds until the next point.
  const path = points
    .map((point, index) => (index === 0 ? `M${x(point.atSec).toFixed(1)} ${y(point.balls).toFixed(1)}` : `H${x(point.atSec).toFixed(1)} V${y(point.balls).toFixed(1)}`))
    .join(' ');
  const ticks = [0, lastSec / 2, lastSec];
  const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;
  return svg`<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="Balls detected during the session" data-testid="balls-chart">
    ${Array.from({ length: topBalls + 1 }, (_, balls) => svg`<line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(balls)} y2=${y(balls)} class=${balls === 0 ? 'axis' : 'grid'}></line>
      <text x=${PAD.left - 6} y=${y(balls) + 4} class="tick end">${balls}</text>`)}
    ${ticks.map((seconds, index) => svg`<text x=${x(seconds)} y=${CHART_HEIGHT - 6} class="tick ${index === 0 ? 'start' : index === 2 ? 'end' : 'middle'}">${clock(seconds)}</text>`)}
    <path d=${path} class="line"></path>
    ${points.map((point) => svg`<circle cx=${x(point.atSec)} cy=${y(point.balls)} r="3" fill=${pointColour(point.label)}><title>${point.label ?? 'unsure'}</title></circle>`)}
  </svg>`;
}

/** Most catches in one run per day, over the same days as the minutes chart. */
export function bestRunChart(bestPerDay: ReadonlyMap<string, number>, todayMs: number) {
  const days = recentDays(todayMs, DAYS_SHOWN);
  const values = days.map((day) => bestPerDay.get(day) ?? 0);
  const top = Math.max(3, ...values);
  const innerWidth = CHART_WIDTH - PAD.left - PAD.right;
  const innerHeight = CHART_HEIGHT - PAD.top - PAD.bottom;
  const slot = innerWidth / days.length;
  const y = (value: number) => PAD.top + innerHeight * (1 - value / top);
  return svg`<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="Best run of catches per day, last ${DAYS_SHOWN} days" data-testid="best-run-chart">
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(0)} y2=${y(0)} class="axis"></line>
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${y(top)} y2=${y(top)} class="grid"></line>
    <text x=${PAD.left - 6} y=${y(top) + 4} class="tick end">${top}</text>
    <text x=${PAD.left - 6} y=${y(0) + 4} class="tick end">0</text>
    ${days.map((day, index) => {
      const x = PAD.left + index * slot;
      const value = values[index];
      return svg`<g data-day=${day} data-catches=${value}>
        <rect x=${x + slot * 0.15} y=${y(value)} width=${slot * 0.7} height=${y(0) - y(value)} class="bar catches"></rect>
        ${value > 0 ? svg`<text x=${x + slot / 2} y=${y(value) - 4} class="tick middle">${value}</text>` : nothing}
        <text x=${x + slot / 2} y=${CHART_HEIGHT - 6} class="tick middle">${Number(day.slice(8))}</text>
      </g>`;
    })}
  </svg>`;
}

/** The sessions plotted (newest last). */
export const SESSIONS_SHOWN = 12;

/**
 * Per session (the newest SESSIONS_SHOWN, oldest first): minutes of juggling and catches, side by
 * side, each bar scaled to its own largest value (the two are different units).
 */
export function sessionCatchesChart(sessions: readonly SessionRecord[], catchesBySession: ReadonlyMap<number, number>) {
  const shown = [...sessions].sort((a, b) => a.startedAtMs - b.startedAtMs).slice(-SESSIONS_SHOWN);
  const topMinutes = Math.max(1, ...shown.map((session) => session.practiceMs / 60_000));
  const topCatches = Math.max(3, ...shown.map((session) => catchesBySession.get(session.startedAtMs) ?? 0));
  const innerWidth = CHART_WIDTH - PAD.left - PAD.right;
  const innerHeight = CHART_HEIGHT - PAD.top - PAD.bottom;
  const slot = innerWidth / Math.max(1, shown.length);
  const bottom = PAD.top + innerHeight;
  const height = (value: number, top: number) => (innerHeight * value) / top;
  return svg`<svg viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" role="img" aria-label="Minutes of juggling and catches per session" data-testid="session-catches-chart">
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${bottom} y2=${bottom} class="axis"></line>
    <line x1=${PAD.left} x2=${CHART_WIDTH - PAD.right} y1=${PAD.top} y2=${PAD.top} class="grid"></line>
    <text x=${PAD.left - 6} y=${PAD.top + 4} class="tick end">${minutes(topMinutes * 60_000)} min</text>
    <text x=${PAD.left - 6} y=${PAD.top + 18} class="tick end catches">${topCatches}</text>
    ${shown.map((session, index) => {
      const x = PAD.left + index * slot;
      const minutesValue = session.practiceMs / 60_000;
      const catches = catchesBySession.get(session.startedAtMs) ?? 0;
      const start = new Date(session.startedAtMs);
      return svg`<g data-session=${session.startedAtMs} data-minutes=${minutesValue.toFixed(2)} data-catches=${catches}>
        <rect x=${x + slot * 0.12} y=${bottom - height(minutesValue, topMinutes)} width=${slot * 0.36} height=${height(minutesValue, topMinutes)} class="bar"></rect>
        <rect x=${x + slot * 0.52} y=${bottom - height(catches, topCatches)} width=${slot * 0.36} height=${height(catches, topCatches)} class="bar catches"></rect>
        ${catches > 0 ? svg`<text x=${x + slot * 0.7} y=${bottom - height(catches, topCatches) - 4} class="tick middle catches">${catches}</text>` : nothing}
        <text x=${x + slot / 2} y=${CHART_HEIGHT - 6} class="tick middle">${start.getDate()}/${start.getMonth() + 1}</text>
      </g>`;
    })}
  </svg>`;
}
