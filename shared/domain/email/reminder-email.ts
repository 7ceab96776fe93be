import type { ConsultationDefinition, Phase } from '../consultation-definition.ts';
import { renderMeetingInvitation } from '../icalendar.ts';
import { type Language, localize } from '../localized-text.ts';
import { reminderOffsetMilliseconds } from '../reminder-offset.ts';
import type { DeadlineWave, MeetingWave, ReminderWave } from '../reminder-wave.ts';
import { zonedWallTime } from '../time-zone.ts';
import type { WaveRecipient } from '../wave-recipient.ts';
import { type EmailFooter, renderAnnouncementEmail } from './announcement-email.ts';
import { dateTimeText, durationText } from './duration-text.ts';
import { type EmailTexts, emailTexts } from './email-texts.ts';
import { escapeHtml, htmlDocument, link, list, paragraph } from './html.ts';
import type { RenderedEmail } from './rendered-email.ts';

export interface ReminderContent {
  readonly definition: ConsultationDefinition;
  /** Stored version and change instant of the definition: SEQUENCE and DTSTAMP of the invitation. */
  readonly definitionVersion: number;
  readonly definitionUpdatedAt: Date;
  readonly uidDomain: string;
  readonly wave: ReminderWave;
  readonly recipient: WaveRecipient;
  readonly unsubscribeUrl: string;
}

/**
 * A reminder email in the recipient's language: what is happening and when, in official time
 * (CET/CEST) and in the recipient's zone, with every value from data or from people escaped.
 */
export function renderReminderEmail(content: ReminderContent): RenderedEmail {
  switch (content.wave.kind) {
    case 'deadline':
      return renderDeadline(content, content.wave);
    case 'meeting':
      return renderMeeting(content, content.wave);
    case 'announcement': {
      const language = content.recipient.language;
      const ending = footer(content, emailTexts[language], localize(content.definition.title, language));
      return renderAnnouncementEmail(content.definition, content.wave, language, ending);
    }
  }
}

interface Times {
  readonly official: string;
  readonly officialShort: string;
  readonly reader?: string;
}

function timesOf(definition: ConsultationDefinition, instant: string, recipient: WaveRecipient): Times {
  const language = recipient.language;
  const at = new Date(instant);
  const official = zonedWallTime(definition.officialTimeZone, at);
  const readerZone =
    recipient.timeZone !== undefined && recipient.timeZone !== definition.officialTimeZone
      ? zonedWallTime(recipient.timeZone, at)
      : undefined;
  return {
    official: dateTimeText(at, definition.officialTimeZone, language, official.label),
    officialShort: official.text,
    ...(readerZone === undefined
      ? {}
      : {
          reader: dateTimeText(
            at,
            readerZone.timeZone,
            language,
            `${readerZone.timeZone}, ${readerZone.label}`,
          ),
        }),
  };
}

function timeLines(texts: EmailTexts, label: string, times: Times): string[] {
  return [
    `${label} — ${texts.officialTime}: ${times.official}`,
    ...(times.reader === undefined ? [] : [`${texts.yourTime}: ${times.reader}`]),
  ];
}

function footer(content: ReminderContent, texts: EmailTexts, title: string): EmailFooter {
  const why =
    content.recipient.source === 'subscriber' ? texts.whySubscriber(title) : texts.whyDraftHolder(title);
  return {
    html: [
      '<hr>',
      `<p style="font-size: smaller;">${escapeHtml(why)}<br>${link(content.unsubscribeUrl, texts.unsubscribe)}<br>${escapeHtml(texts.contact(content.definition.contactEmail))}</p>`,
    ].join('\n'),
    text: [
      '--',
      why,
      `${texts.unsubscribe}: ${content.unsubscribeUrl}`,
      texts.contact(content.definition.contactEmail),
    ],
  };
}

function renderDeadline(content: ReminderContent, wave: DeadlineWave): RenderedEmail {
  const { definition, recipient } = content;
  const language: Language = recipient.language;
  const texts = emailTexts[language];
  const title = localize(definition.title, language);
  const remaining = durationText(reminderOffsetMilliseconds(wave.offset), language);
  const calls = wave.calls.flatMap((kind) => definition.calls.filter((call) => call.kind === kind));
  const callTitles = calls.map((call) => localize(call.title, language));
  const what = callTitles.length === 1 && callTitles[0] !== undefined ? callTitles[0] : title;
  const subject = texts.deadlineSubject(remaining, what);
  const times = timesOf(definition, wave.closesAt, recipient);
  const drafts = (recipient.drafts ?? []).map((draft) => {
    const call = definition.calls.find((candidate) => candidate.kind === draft.call);
    return texts.draftNotSubmitted(
      draft.title,
      call === undefined ? draft.call : localize(call.title, language),
    );
  });
  const ending = footer(content, texts, title);

  const html = htmlDocument(
    language,
    subject,
    [
      `<h1 style="font-size: 1.3em;">${escapeHtml(subject)}</h1>`,
      paragraph(texts.deadlineIntro(remaining, title)),
      list(callTitles),
      ...(drafts.length === 0 ? [] : [paragraph(texts.draftsIntro), list(drafts)]),
      `<p><strong>${timeLines(texts, texts.deadlineLabel, times).map(escapeHtml).join('<br>')}</strong></p>`,
      paragraph(texts.lateNotAccepted),
      ending.html,
    ].join('\n'),
  );
  const text = [
    subject,
    '',
    texts.deadlineIntro(remaining, title),
    ...callTitles.map((callTitle) => `- ${callTitle}`),
    ...(drafts.length === 0 ? [] : ['', texts.draftsIntro, ...drafts.map((draft) => `- ${draft}`)]),
    '',
    ...timeLines(texts, texts.deadlineLabel, times),
    '',
    texts.lateNotAccepted,
    '',
    ...ending.text,
  ].join('\n');
  return { subject, html, text };
}

function renderMeeting(content: ReminderContent, wave: MeetingWave): RenderedEmail {
  const { definition, recipient } = content;
  const language: Language = recipient.language;
  const texts = emailTexts[language];
  const phase: Phase | undefined = definition.phases.find(
    (candidate) => candidate.number === wave.phaseNumber,
  );
  if (phase?.meeting === undefined) throw new Error(`Phase ${wave.phaseNumber} has no meeting`);
  const meeting = phase.meeting;
  const title = localize(definition.title, language);
  const phaseName = localize(phase.name, language);
  const remaining = durationText(reminderOffsetMilliseconds(wave.offset), language);
  const times = timesOf(definition, wave.startsAt, recipient);
  const subject = texts.meetingSubject(phaseName, remaining, times.officialShort);
  const details = [
    ...timeLines(texts, texts.startsLabel, times),
    `${texts.venueLabel}: ${localize(meeting.venue, language)}`,
    `${texts.modeLabel}: ${texts.modes[meeting.mode]}`,
  ];
  const ending = footer(content, texts, title);
  const html = htmlDocument(
    language,
    subject,
    [
      `<h1 style="font-size: 1.3em;">${escapeHtml(subject)}</h1>`,
      paragraph(texts.meetingIntro(phaseName, remaining, title)),
      `<p>${details.map(escapeHtml).join('<br>')}${
        meeting.remoteParticipationUrl === undefined
          ? ''
          : `<br>${escapeHtml(texts.remoteLabel)}: ${link(meeting.remoteParticipationUrl, meeting.remoteParticipationUrl)}`
      }</p>`,
      paragraph(localize(phase.summary, language)),
      paragraph(texts.invitationAttached),
      ending.html,
    ].join('\n'),
  );
  const text = [
    subject,
    '',
    texts.meetingIntro(phaseName, remaining, title),
    '',
    ...details,
    ...(meeting.remoteParticipationUrl === undefined
      ? []
      : [`${texts.remoteLabel}: ${meeting.remoteParticipationUrl}`]),
    '',
    localize(phase.summary, language),
    '',
    texts.invitationAttached,
    '',
    ...ending.text,
  ].join('\n');
  const invitation = renderMeetingInvitation(definition, phase, {
    uidDomain: content.uidDomain,
    sequence: content.definitionVersion,
    updatedAt: content.definitionUpdatedAt,
    language,
  });
  return {
    subject,
    html,
    text,
    attachments: [
      {
        fileName: `${definition.id}-phase-${phase.number}.ics`,
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: invitation,
      },
    ],
  };
}
