/**
 * Progress of a long export, listing or send, on standard error so standard output stays the answer.
 * On a terminal, a bar redrawn in place; otherwise (CI, a pipe) a plain line now and then, and one
 * when done, so logs stay readable.
 */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` (total unknown: no bar, just the count), with what the numbers count. */
  update(done: number, total?: number, detail?: string): void;
  finish(summary: string): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly now?: () => number;
  /** Between two plain lines when not on a terminal. */
  readonly plainIntervalMs?: number;
  /** Between two redraws on a terminal. */
  readonly redrawIntervalMs?: number;
  readonly barWidth?: number;
}

export function createProgress(sink: ProgressSink, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const terminal = sink.isTTY === true;
  const interval = terminal ? (options.redrawIntervalMs ?? 100) : (options.plainIntervalMs ?? 5000);
  const barWidth = options.barWidth ?? 28;
  // Off a terminal the first line waits a whole interval: a short export shows only its summary.
  let lastDrawn = terminal ? Number.NEGATIVE_INFINITY : now();
  let drawn = false;
  return {
    update(done, total, detail) {
      const at = now();
      if (at - lastDrawn < interval) return;
      lastDrawn = at;
      const text = progressLine(options.label, done, total, detail, terminal ? barWidth : 0);
      if (terminal) {
        sink.write(`\r\u001b[2K${text}`);
        drawn = true;
      } else {
        sink.write(`${text}\n`);
      }
    },
    finish(summary) {
      sink.write(`${terminal && drawn ? '\r\u001b[2K' : ''}${options.label}: ${summary}\n`);
    },
  };
}

export function progressLine(
  label: string,
  done: number,
  total: number | undefined,
  detail: string | undefined,
  barWidth: number,
): string {
  const suffix = detail === undefined ? '' : ` ${detail}`;
  if (total === undefined || total <= 0) return `${label}: ${done}${suffix}`;
  const ratio = Math.min(1, Math.max(0, done / total));
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  if (barWidth <= 0) return `${label}: ${percent} (${done}/${total})${suffix}`;
  const filled = Math.round(ratio * barWidth);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${percent}${suffix}`;
}

/** `1536` → `1.5 KiB`. */
export function byteSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
