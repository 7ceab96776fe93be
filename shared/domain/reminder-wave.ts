import { type Announcement, announcementLifetimeMilliseconds, announcementWaveId } from './announcement.ts';
import type { CallKind, ConsultationDefinition } from './consultation-definition.ts';
import { instantMilliseconds } from './instant.ts';
import { type ReminderOffset, reminderOffsetMilliseconds } from './reminder-offset.ts';

/**
 * Reminder waves, derived from a definition's calendar and reminder policy. A wave is one email per
 * recipient at one instant: a deadline wave before calls close (calls closing at the same instant
 * share a wave, so a recipient gets one email for all of them), a meeting wave before a phase that
 * has a meeting.
 *
 * Wave ids are stable and depend on what the wave is about, never on when it was computed:
 * `deadline-20220307T1300Z-P7D` (the closing instant and the offset), `meeting-phase-2-P1D`. So
 * moving a deadline gives its waves new ids (the old schedules no longer derive and are ignored),
 * while moving a meeting keeps them (the same schedule is updated). They become schedule names
 * `<consultation id>-<wave id>`: with consultation ids of at most 32 characters, a wave id has at
 * most 31, and uses only characters that schedule names and SES message tags both allow.
 */
export type WaveKind = 'deadline' | 'meeting' | 'announcement';

/** Where a wave's recipients come from. */
export type RecipientSourceName = 'confirmed-subscribers' | 'draft-holders';

interface WaveBase {
  readonly id: string;
  readonly kind: WaveKind;
  /** The instant the wave goes out (canonical ISO form). */
  readonly sendAt: string;
  readonly recipientSources: readonly RecipientSourceName[];
}

export interface DeadlineWave extends WaveBase {
  readonly kind: 'deadline';
  readonly offset: ReminderOffset;
  readonly closesAt: string;
  /** The calls closing at that instant, in the definition's order. */
  readonly calls: readonly CallKind[];
}

export interface MeetingWave extends WaveBase {
  readonly kind: 'meeting';
  readonly offset: ReminderOffset;
  readonly phaseNumber: number;
  readonly startsAt: string;
  readonly endsAt: string;
}

/**
 * A wave the Secretariat sends by hand (see `announcement.ts`): stored, not derived, to the
 * confirmed subscribers only.
 */
export interface AnnouncementWave extends WaveBase {
  readonly kind: 'announcement';
  readonly announcement: Announcement;
}

/** The waves the calendar and the reminder policy derive. */
export type DerivedWave = DeadlineWave | MeetingWave;

export type ReminderWave = DerivedWave | AnnouncementWave;

export function announcementWave(announcement: Announcement): AnnouncementWave {
  return {
    id: announcementWaveId(announcement.id),
    kind: 'announcement',
    sendAt: new Date(instantMilliseconds(announcement.createdAt)).toISOString(),
    recipientSources: ['confirmed-subscribers'],
    announcement,
  };
}

export const maximumWaveIdLength = 31;
const maximumOffsetPartLength = 7;

/** `P14D`, `PT3H`, `P1DT12H` as written; a longer offset as its whole minutes (`P1DT12H30M` → `2190M`). */
function offsetPart(offset: ReminderOffset): string {
  return offset.length <= maximumOffsetPartLength
    ? offset
    : `${reminderOffsetMilliseconds(offset) / 60_000}M`;
}

/** `2022-03-07T13:00:00Z` → `20220307T1300Z` (reminder instants are whole minutes). */
function compactInstant(instant: string): string {
  const iso = new Date(instantMilliseconds(instant)).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

export function deadlineWaveId(closesAt: string, offset: ReminderOffset): string {
  return `deadline-${compactInstant(closesAt)}-${offsetPart(offset)}`;
}

export function meetingWaveId(phaseNumber: number, offset: ReminderOffset): string {
  return `meeting-phase-${phaseNumber}-${offsetPart(offset)}`;
}

function before(instant: string, offset: ReminderOffset): string {
  return new Date(instantMilliseconds(instant) - reminderOffsetMilliseconds(offset)).toISOString();
}

/**
 * Every reminder wave of the definition, earliest first (ties by id). A deadline wave that would go
 * out before any of its calls has opened is left out: "7 days left to submit" makes no sense for a
 * call that is not open yet.
 */
export function reminderWaves(definition: ConsultationDefinition): DerivedWave[] {
  const waves: DerivedWave[] = [];
  const callsByClose = new Map<number, { closesAt: string; calls: CallKind[]; earliestOpen: number }>();
  for (const call of definition.calls) {
    const close = instantMilliseconds(call.closesAt);
    const group = callsByClose.get(close) ?? {
      closesAt: new Date(close).toISOString(),
      calls: [],
      earliestOpen: Number.POSITIVE_INFINITY,
    };
    group.calls.push(call.kind);
    group.earliestOpen = Math.min(group.earliestOpen, instantMilliseconds(call.opensAt));
    callsByClose.set(close, group);
  }
  for (const group of callsByClose.values()) {
    for (const offset of new Set(definition.reminderPolicy.beforeCallClose)) {
      const sendAt = before(group.closesAt, offset);
      if (Date.parse(sendAt) < group.earliestOpen) continue;
      waves.push({
        id: deadlineWaveId(group.closesAt, offset),
        kind: 'deadline',
        sendAt,
        offset,
        recipientSources: ['confirmed-subscribers', 'draft-holders'],
        closesAt: group.closesAt,
        calls: group.calls,
      });
    }
  }
  for (const phase of definition.phases) {
    if (phase.meeting === undefined) continue;
    for (const offset of new Set(definition.reminderPolicy.beforeMeeting)) {
      waves.push({
        id: meetingWaveId(phase.number, offset),
        kind: 'meeting',
        sendAt: before(phase.startsAt, offset),
        offset,
        recipientSources: ['confirmed-subscribers'],
        phaseNumber: phase.number,
        startsAt: new Date(instantMilliseconds(phase.startsAt)).toISOString(),
        endsAt: new Date(instantMilliseconds(phase.endsAt)).toISOString(),
      });
    }
  }
  return waves.sort(
    (left, right) => Date.parse(left.sendAt) - Date.parse(right.sendAt) || compare(left.id, right.id),
  );
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

export function findReminderWave(
  definition: ConsultationDefinition,
  waveId: string,
): DerivedWave | undefined {
  return reminderWaves(definition).find((wave) => wave.id === waveId);
}

/**
 * Whether a wave still makes sense at `at`: a deadline wave until its calls close, a meeting wave
 * until the meeting starts, an announcement for a week after it was made. A delivery after that (a schedule retried for hours) sends nothing.
 */
export function waveIsCurrentAt(wave: ReminderWave, at: Date): boolean {
  switch (wave.kind) {
    case 'deadline':
      return at.getTime() < Date.parse(wave.closesAt);
    case 'meeting':
      return at.getTime() < Date.parse(wave.startsAt);
    case 'announcement':
      return at.getTime() < Date.parse(wave.sendAt) + announcementLifetimeMilliseconds;
  }
}
