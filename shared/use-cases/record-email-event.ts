import type { SesEventRecord } from '../contracts/ses-events.ts';
import { addressKey, normalizeEmailAddress } from '../domain/email-address.ts';
import type { SendRecords } from '../ports/send-records.ts';
import type { SuppressionList } from '../ports/suppression-list.ts';

/**
 * What SES reports about an email, recorded: a Send settles a send record whose sender could not
 * tell whether SES took it; a permanent bounce or a complaint puts the address on the suppression
 * list (no email to it ever again) and marks the wave's record for the delivery figures. Events
 * arrive at least once and in any order; every write here is idempotent.
 */
export async function recordEmailEvent(
  ports: { readonly sendRecords: SendRecords; readonly suppressions: SuppressionList },
  event: SesEventRecord,
): Promise<void> {
  const consultationId = event.mail.tags?.consultation?.[0];
  const waveId = event.mail.tags?.wave?.[0];
  const wave = consultationId !== undefined && waveId !== undefined ? { consultationId, waveId } : undefined;
  const at = new Date(event.mail.timestamp);

  switch (event.eventType) {
    case 'Send': {
      if (wave === undefined) return;
      for (const destination of event.mail.destination) {
        await ports.sendRecords.recordEvent(wave, addressKey(destination), {
          kind: 'accepted',
          messageId: event.mail.messageId,
          at,
        });
      }
      return;
    }
    case 'Bounce': {
      const bounce = event.bounce;
      if (bounce === undefined) return;
      for (const { emailAddress } of bounce.bouncedRecipients) {
        const key = addressKey(emailAddress);
        // Transient bounces (mailbox full, out of office) do not stop later emails.
        if (bounce.bounceType === 'Permanent') {
          await ports.suppressions.suppress({
            addressKey: key,
            email: normalizeEmailAddress(emailAddress),
            reason: 'bounce',
            at,
            detail: `${bounce.bounceType}/${bounce.bounceSubType ?? ''}`,
          });
        }
        if (wave !== undefined) await ports.sendRecords.recordEvent(wave, key, { kind: 'bounced', at });
      }
      return;
    }
    case 'Complaint': {
      const complaint = event.complaint;
      if (complaint === undefined) return;
      for (const { emailAddress } of complaint.complainedRecipients) {
        const key = addressKey(emailAddress);
        await ports.suppressions.suppress({
          addressKey: key,
          email: normalizeEmailAddress(emailAddress),
          reason: 'complaint',
          at,
          ...(complaint.complaintFeedbackType === undefined
            ? {}
            : { detail: complaint.complaintFeedbackType }),
        });
        if (wave !== undefined) await ports.sendRecords.recordEvent(wave, key, { kind: 'complained', at });
      }
      return;
    }
    default:
      return;
  }
}
