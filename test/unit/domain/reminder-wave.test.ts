import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConsultationDefinition } from '../../../shared/domain/consultation-definition.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import {
  deadlineWaveId,
  findReminderWave,
  maximumWaveIdLength,
  meetingWaveId,
  reminderWaves,
  waveIsCurrentAt,
} from '../../../shared/domain/reminder-wave.ts';

describe('reminder waves derived from the WSIS 2022 calendar', () => {
  const waves = reminderWaves(wsisForum2022);

  it('sends one deadline wave per offset for the five calls closing at the same instant', () => {
    const deadlines = waves.filter((wave) => wave.kind === 'deadline');
    expect(deadlines.map((wave) => [wave.id, wave.sendAt])).toEqual([
      ['deadline-20220307T1300Z-P14D', '2022-02-21T13:00:00.000Z'],
      ['deadline-20220307T1300Z-P7D', '2022-02-28T13:00:00.000Z'],
      ['deadline-20220307T1300Z-P2D', '2022-03-05T13:00:00.000Z'],
      ['deadline-20220307T1300Z-PT3H', '2022-03-07T10:00:00.000Z'],
    ]);
    for (const wave of deadlines) {
      expect(wave.kind === 'deadline' && wave.calls).toEqual([
        'official-submission',
        'workshop-request',
        'hltf-nomination',
        'photo-contest',
        'regional-input',
      ]);
      expect(wave.recipientSources).toEqual(['confirmed-subscribers', 'draft-holders']);
    }
  });

  it('sends meeting waves 7 days and 1 day before each phase with a meeting, to subscribers', () => {
    const meetings = waves.filter((wave) => wave.kind === 'meeting').map((wave) => [wave.id, wave.sendAt]);
    expect(meetings).toEqual([
      ['meeting-phase-1-P7D', '2021-08-12T12:00:00.000Z'],
      ['meeting-phase-1-P1D', '2021-08-18T12:00:00.000Z'],
      ['meeting-phase-2-P7D', '2021-12-01T12:50:00.000Z'],
      ['meeting-phase-2-P1D', '2021-12-07T12:50:00.000Z'],
      ['meeting-phase-3-P7D', '2022-01-24T13:00:00.000Z'],
      ['meeting-phase-3-P1D', '2022-01-30T13:00:00.000Z'],
      ['meeting-phase-5-P7D', '2022-04-25T12:00:00.000Z'],
      ['meeting-phase-5-P1D', '2022-05-01T12:00:00.000Z'],
    ]);
  });

  it('lists waves earliest first and finds a wave by id', () => {
    const instants = waves.map((wave) => Date.parse(wave.sendAt));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(findReminderWave(wsisForum2022, 'meeting-phase-2-P1D')?.kind).toBe('meeting');
    expect(findReminderWave(wsisForum2022, 'meeting-phase-4-P1D')).toBeUndefined();
  });

  it('splits waves when an extension moves one call’s deadline, and gives the moved call new ids', () => {
    const extended = parseConsultationDefinition({
      ...wsisForum2022,
      calls: wsisForum2022.calls.map((call) =>
        call.kind === 'photo-contest' ? { ...call, closesAt: '2022-03-11T13:00:00Z' } : call,
      ),
    });
    const photo = reminderWaves(extended).filter(
      (wave) => wave.kind === 'deadline' && wave.calls.includes('photo-contest'),
    );
    expect(photo.map((wave) => wave.id)).toContain('deadline-20220311T1300Z-P7D');
    expect(photo.every((wave) => wave.kind === 'deadline' && wave.calls.length === 1)).toBe(true);
    expect(findReminderWave(extended, 'deadline-20220307T1300Z-P7D')).toMatchObject({
      calls: ['official-submission', 'workshop-request', 'hltf-nomination', 'regional-input'],
    });
  });

  it('leaves out deadline waves that would go before the call opens', () => {
    const shortCall = parseConsultationDefinition({
      ...wsisForum2022,
      calls: [{ ...wsisForum2022.calls[0], opensAt: '2022-03-01T13:00:00Z' }],
    });
    const ids = reminderWaves(shortCall)
      .filter((wave) => wave.kind === 'deadline')
      .map((wave) => wave.id);
    expect(ids).toEqual(['deadline-20220307T1300Z-P2D', 'deadline-20220307T1300Z-PT3H']);
  });

  it('is current until the deadline or the meeting start, and not at that instant', () => {
    const wave = findReminderWave(wsisForum2022, 'deadline-20220307T1300Z-PT3H');
    if (wave === undefined) throw new Error('missing wave');
    expect(waveIsCurrentAt(wave, new Date('2022-03-07T12:59:59Z'))).toBe(true);
    expect(waveIsCurrentAt(wave, new Date('2022-03-07T13:00:00Z'))).toBe(false);
  });

  it('keeps every wave id within 31 characters that schedule names and SES tags allow', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 1, max: 99 }),
        (closesAt, days, hours, minutes, phase) => {
          fc.pre(days + hours + minutes > 0);
          const offset = `P${days > 0 ? `${days}D` : ''}${hours + minutes > 0 ? `T${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}` : ''}`;
          for (const id of [deadlineWaveId(closesAt.toISOString(), offset), meetingWaveId(phase, offset)]) {
            expect(id.length).toBeLessThanOrEqual(maximumWaveIdLength);
            expect(id).toMatch(/^[A-Za-z0-9-]+$/);
          }
        },
      ),
    );
    expect(deadlineWaveId('2022-03-07T13:00:00Z', 'P1DT12H30M')).toBe('deadline-20220307T1300Z-2190M');
  });
});
