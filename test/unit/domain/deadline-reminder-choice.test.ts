import { describe, expect, it } from 'vitest';
import type { CallKind } from '../../../shared/domain/consultation-definition.ts';
import { chooseDeadlineReminder } from '../../../shared/domain/deadline-reminder-choice.ts';
import type { WaveRecipient } from '../../../shared/domain/wave-recipient.ts';

const waveCalls: CallKind[] = ['official-submission', 'photo-contest', 'regional-input'];
const subscriber: WaveRecipient = { email: 'person@example.org', language: 'fr', source: 'subscriber' };
const queuedAsDraftHolder: WaveRecipient = {
  email: 'person@example.org',
  language: 'fr',
  source: 'draft-holder',
  drafts: [{ call: 'official-submission', title: 'As queued' }],
};

describe('what a deadline reminder says to one recipient', () => {
  it('sends the generic reminder about every call to someone with nothing in the wave', () => {
    expect(chooseDeadlineReminder(waveCalls, subscriber, [])).toEqual({
      kind: 'send',
      calls: waveCalls,
      recipient: subscriber,
    });
  });

  it('leaves out the calls whose submission is in, and sends nothing when none is left', () => {
    expect(
      chooseDeadlineReminder(waveCalls, subscriber, [
        { call: 'photo-contest', status: 'submitted', title: 'Mast at dawn' },
        { call: 'official-submission', status: 'withdrawn', title: 'Old' },
      ]),
    ).toEqual({ kind: 'send', calls: ['official-submission', 'regional-input'], recipient: subscriber });
    expect(
      chooseDeadlineReminder(
        waveCalls,
        subscriber,
        waveCalls.map((call) => ({ call, status: 'submitted' as const, title: call })),
      ),
    ).toEqual({ kind: 'already-submitted' });
    // A submission in a call outside the wave changes nothing.
    expect(
      chooseDeadlineReminder(['official-submission'], subscriber, [
        { call: 'photo-contest', status: 'submitted', title: 'Elsewhere' },
      ]),
    ).toMatchObject({ kind: 'send', calls: ['official-submission'] });
  });

  it('gives the draft holder’s text, naming the drafts held now, whichever source queued the address', () => {
    const held = [
      { call: 'regional-input' as const, status: 'draft' as const, title: 'Zeta' },
      { call: 'official-submission' as const, status: 'draft' as const, title: 'Beta' },
      { call: 'official-submission' as const, status: 'draft' as const, title: 'Alpha' },
      { call: 'photo-contest' as const, status: 'submitted' as const, title: 'In' },
    ];
    const expected = {
      kind: 'send',
      calls: ['official-submission', 'regional-input'],
      recipient: {
        email: 'person@example.org',
        language: 'fr',
        source: 'draft-holder',
        drafts: [
          { call: 'official-submission', title: 'Alpha' },
          { call: 'official-submission', title: 'Beta' },
          { call: 'regional-input', title: 'Zeta' },
        ],
      },
    };
    expect(chooseDeadlineReminder(waveCalls, subscriber, held)).toEqual(expected);
    expect(chooseDeadlineReminder(waveCalls, queuedAsDraftHolder, held)).toEqual(expected);
  });

  it('keeps a call with a draft in it even when another submission of theirs is in there', () => {
    expect(
      chooseDeadlineReminder(['official-submission'], subscriber, [
        { call: 'official-submission', status: 'submitted', title: 'First' },
        { call: 'official-submission', status: 'draft', title: 'Second' },
      ]),
    ).toMatchObject({
      kind: 'send',
      calls: ['official-submission'],
      recipient: { source: 'draft-holder', drafts: [{ call: 'official-submission', title: 'Second' }] },
    });
  });

  it('keeps the drafts as queued when nothing is found for the address (index not caught up)', () => {
    expect(chooseDeadlineReminder(waveCalls, queuedAsDraftHolder, [])).toEqual({
      kind: 'send',
      calls: waveCalls,
      recipient: queuedAsDraftHolder,
    });
  });

  it('drops drafts queued earlier that are gone now: submitted means no reminder', () => {
    expect(
      chooseDeadlineReminder(['official-submission'], queuedAsDraftHolder, [
        { call: 'official-submission', status: 'submitted', title: 'As queued' },
      ]),
    ).toEqual({ kind: 'already-submitted' });
    expect(
      chooseDeadlineReminder(['official-submission'], queuedAsDraftHolder, [
        { call: 'official-submission', status: 'withdrawn', title: 'As queued' },
      ]),
    ).toEqual({
      kind: 'send',
      calls: ['official-submission'],
      recipient: { email: 'person@example.org', language: 'fr', source: 'draft-holder' },
    });
  });
});
