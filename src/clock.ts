// The clock port. Time is read from here only: `src/main.ts` makes the one clock of the process
// and passes it down (as `clock`, or as the `now` function of a dependency bag: `clock.now`), so
// a test can run a whole working week in milliseconds on a clock of its own.

export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The wall clock of this machine, the one production uses. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
