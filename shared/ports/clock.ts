/**
 * The one source of "now". The domain never reads it: use cases ask the clock and hand the instant
 * to the domain. In Lambda it is the system clock; locally one controllable clock drives the handlers
 * and the Scheduler emulator together, so the 2021-2022 timeline can be replayed.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};
