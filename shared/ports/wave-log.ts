import type { WaveRef } from './send-records.ts';

/** Where a wave's fan-out stands: which source, and where in it, has been queued so far. */
export interface FanOutProgress {
  readonly sourceIndex: number;
  readonly cursor?: string;
  readonly queuedRecipients: number;
}

export type WaveStart =
  /** First delivery: go from the beginning. */
  | { readonly outcome: 'started' }
  /** An earlier fan-out stopped half-way and its lease ran out: go on from its progress. */
  | { readonly outcome: 'resumed'; readonly progress: FanOutProgress }
  /** Another fan-out of the same wave holds the lease. */
  | { readonly outcome: 'busy' }
  /** The wave has been queued completely already. */
  | { readonly outcome: 'done' };

/** Where a wave's fan-out stands, for the Secretariat. */
export interface WaveStatus {
  readonly status: 'fanning-out' | 'queued';
  readonly queuedRecipients: number;
}

export interface WaveLog {
  /** Takes the wave's fan-out lease until `leaseUntil`, or says why not. */
  begin(wave: WaveRef, kind: string, at: Date, leaseUntil: Date): Promise<WaveStart>;
  /** Saves progress after a page is queued and extends the lease. */
  saveProgress(wave: WaveRef, progress: FanOutProgress, leaseUntil: Date): Promise<void>;
  complete(wave: WaveRef, progress: FanOutProgress, at: Date): Promise<void>;
  /** The wave's fan-out, or undefined when no delivery has begun it yet. */
  find(wave: WaveRef): Promise<WaveStatus | undefined>;
}
