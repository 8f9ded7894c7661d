/**
 * Hybrid logical clock: `<wall ms, 15 digits>-<counter, 5 digits>-<clientId>`.
 *
 * Fixed-width, zero-padded fields make plain string order equal time order, so the server and
 * every client can compare clocks with `<` and per-field last-writer-wins needs no parsing.
 * The clientId suffix breaks ties between clients deterministically. Everything here is pure:
 * the caller persists `HlcState` (lib/db keeps it in `meta`, in the same transaction as the
 * write that used it).
 */

/** The last clock this client issued or saw. */
export interface HlcState {
  wall: number;
  counter: number;
}

export interface ParsedHlc extends HlcState {
  clientId: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
export const MAX_WALL = 10 ** WALL_DIGITS - 1;
export const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const CLIENT_ID = /^[0-9A-Za-z_]{1,64}$/;
const HLC = /^(\d{15})-(\d{5})-([0-9A-Za-z_]{1,64})$/;

export const INITIAL_HLC_STATE: HlcState = { wall: 0, counter: 0 };

export function formatHlc(state: HlcState, clientId: string): string {
  assertClientId(clientId);
  assertState(state);
  return `${String(state.wall).padStart(WALL_DIGITS, '0')}-${String(state.counter).padStart(
    COUNTER_DIGITS,
    '0',
  )}-${clientId}`;
}

/** Throws a RangeError on anything that is not a well-formed clock: remote input is untrusted. */
export function parseHlc(hlc: string): ParsedHlc {
  const m = HLC.exec(hlc);
  if (!m) throw new RangeError(`Not a hybrid logical clock: "${hlc.slice(0, 100)}"`);
  return { wall: Number(m[1]), counter: Number(m[2]), clientId: m[3]! };
}

export function isHlc(value: unknown): value is string {
  return typeof value === 'string' && HLC.test(value);
}

/** String order is time order by construction; this only names it (and never localeCompare). */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Issues the next clock for a local event. Strictly greater than every clock issued or received
 * before, even when the wall clock stands still or goes backwards: the wall part never
 * decreases, and when it does not advance the counter does. A full counter borrows one
 * millisecond from the future rather than wrapping.
 */
export function tickHlc(
  state: HlcState,
  now: number,
  clientId: string,
): { state: HlcState; hlc: string } {
  assertState(state);
  const physical = toWall(now);
  const next =
    physical > state.wall ? { wall: physical, counter: 0 } : bump(state.wall, state.counter + 1);
  return { state: next, hlc: formatHlc(next, clientId) };
}

/**
 * Folds in a clock seen from elsewhere (a pulled change), so that the next tick is later than
 * it. Callers refuse remote clocks that `isTooFarInFuture` first: one bogus clock would
 * otherwise drag this client's clock into the future for good.
 */
export function receiveHlc(state: HlcState, remote: string, now: number): HlcState {
  assertState(state);
  const r = parseHlc(remote);
  const physical = toWall(now);
  const wall = Math.max(state.wall, r.wall, physical);
  if (wall === state.wall && wall === r.wall) {
    return bump(wall, Math.max(state.counter, r.counter) + 1);
  }
  if (wall === state.wall) return bump(wall, state.counter + 1);
  if (wall === r.wall) return bump(wall, r.counter + 1);
  return { wall, counter: 0 };
}

/** True when the clock's wall time is more than `maxSkewMs` ahead of `now`. */
export function isTooFarInFuture(hlc: string, now: number, maxSkewMs: number): boolean {
  return parseHlc(hlc).wall > now + maxSkewMs;
}

function bump(wall: number, counter: number): HlcState {
  if (counter <= MAX_COUNTER) return { wall, counter };
  if (wall >= MAX_WALL) throw new RangeError('Hybrid logical clock exhausted');
  return { wall: wall + 1, counter: 0 };
}

function toWall(now: number): number {
  if (!Number.isFinite(now) || now < 0) throw new RangeError(`Not a time: ${now}`);
  return Math.min(Math.floor(now), MAX_WALL);
}

function assertState(state: HlcState): void {
  const ok =
    Number.isInteger(state.wall) &&
    state.wall >= 0 &&
    state.wall <= MAX_WALL &&
    Number.isInteger(state.counter) &&
    state.counter >= 0 &&
    state.counter <= MAX_COUNTER;
  if (!ok) throw new RangeError(`Not a clock state: ${JSON.stringify(state)}`);
}

function assertClientId(clientId: string): void {
  if (!CLIENT_ID.test(clientId)) throw new RangeError(`Not a client id: "${clientId}"`);
}
