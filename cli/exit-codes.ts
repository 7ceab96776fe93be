/** What a script can tell apart from the exit status alone. */
export const exitCodes = {
  ok: 0,
  /** The API answered with a problem (4xx) or failed (5xx). */
  refused: 1,
  /** The command line is wrong; nothing was sent. */
  usage: 2,
  /** No API answered, or no credentials were found. */
  unreachable: 3,
} as const;
