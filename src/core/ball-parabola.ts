// Least-squares flight fits for the ball tracker: x linear and y quadratic in time, in image
// pixels (y down, so a > 0 means the ball falls), time in seconds since the track's first point.

export interface TimedPoint {
  readonly timeMs: number;
  readonly x: number;
  readonly y: number;
}

export interface Parabola {
  /** Time origin of the fit (the track's first point), ms. */
  readonly t0Ms: number;
  /** y = a t² + b t + c, t in seconds since t0Ms. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  /** x = vx t + x0. */
  readonly vx: number;
  readonly x0: number;
  /** Root-mean-square distance of the points from the fit, pixels. */
  readonly rmsPx: number;
}

/** The fit through three or more points (null below three, or when their times coincide). */
export function fitParabola(points: readonly TimedPoint[]): Parabola | null {
  if (points.length < 3) return null;
  const t0Ms = points[0].timeMs;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, sy = 0, sty = 0, st2y = 0, sx = 0, stx = 0;
  for (const point of points) {
    const t = (point.timeMs - t0Ms) / 1000;
    const t2 = t * t;
    s0 += 1; s1 += t; s2 += t2; s3 += t2 * t; s4 += t2 * t2;
    sy += point.y; sty += t * point.y; st2y += t2 * point.y;
    sx += point.x; stx += t * point.x;
  }
  // Normal equations [s4 s3 s2; s3 s2 s1; s2 s1 s0] [a b c] = [st2y sty sy], by Cramer's rule.
  const det3 = (m: readonly number[]): number =>
    m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  const matrix = [s4, s3, s2, s3, s2, s1, s2, s1, s0];
  const determinant = det3(matrix);
  const spanSec = (points[points.length - 1].timeMs - t0Ms) / 1000;
  if (!(Math.abs(determinant) > 1e-12 * Math.max(1, spanSec ** 6))) return null;
  const a = det3([st2y, s3, s2, sty, s2, s1, sy, s1, s0]) / determinant;
  const b = det3([s4, st2y, s2, s3, sty, s1, s2, sy, s0]) / determinant;
  const c = det3([s4, s3, st2y, s3, s2, sty, s2, s1, sy]) / determinant;
  const xDeterminant = s0 * s2 - s1 * s1;
  const vx = xDeterminant > 0 ? (s0 * stx - s1 * sx) / xDeterminant : 0;
  const x0 = (sx - vx * s1) / s0;
  let squared = 0;
  for (const point of points) {
    const t = (point.timeMs - t0Ms) / 1000;
    squared += (point.x - (vx * t + x0)) ** 2 + (point.y - (a * t * t + b * t + c)) ** 2;
  }
  return { t0Ms, a, b, c, vx, x0, rmsPx: Math.sqrt(squared / points.length) };
}

export function positionOnParabola(fit: Parabola, timeMs: number): { x: number; y: number } {
  const t = (timeMs - fit.t0Ms) / 1000;
  return { x: fit.vx * t + fit.x0, y: fit.a * t * t + fit.b * t + fit.c };
}

/** Vertical velocity, pixels per second (negative: rising). */
export function verticalSpeedAt(fit: Parabola, timeMs: number): number {
  return 2 * fit.a * ((timeMs - fit.t0Ms) / 1000) + fit.b;
}

/** The highest point of the flight (smallest y), or null when the fit does not fall. */
export function apexOf(fit: Parabola): { timeMs: number; y: number } | null {
  if (!(fit.a > 0)) return null;
  const t = -fit.b / (2 * fit.a);
  return { timeMs: fit.t0Ms + t * 1000, y: fit.c - (fit.b * fit.b) / (4 * fit.a) };
}

/** When the flight is at height `y` on its way up ('rising') or down ('falling'), or null if it never is. */
export function timeAtHeight(fit: Parabola, y: number, branch: 'rising' | 'falling'): number | null {
  if (!(fit.a > 0)) return null;
  const discriminant = fit.b * fit.b - 4 * fit.a * (fit.c - y);
  if (discriminant < 0) return null;
  const root = Math.sqrt(discriminant);
  const t = branch === 'rising' ? (-fit.b - root) / (2 * fit.a) : (-fit.b + root) / (2 * fit.a);
  return fit.t0Ms + t * 1000;
}
