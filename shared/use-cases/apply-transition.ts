import type { TransitionDelivery } from '../contracts/transition-delivery.ts';
import type { TransitionAppliedEntry, TransitionTrigger } from '../domain/audit-entry.ts';
import { type Transition, transitions } from '../domain/calendar.ts';
import { type ConsultationDefinition, localize } from '../domain/consultation-definition.ts';
import { scheduleName } from '../domain/schedule-plan.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { SubmissionStatistics } from '../ports/submission-statistics.ts';
import type { TransitionKey, TransitionLedger } from '../ports/transition-ledger.ts';
import { callClosedNotice, countsSummary } from './call-closed-notice.ts';

/**
 * Applies one transition of a consultation's calendar, once, whatever the Scheduler does: it may
 * deliver twice, late (up to a day), out of order, or for a date that has since moved.
 *
 * - The calendar is read again; a delivery for a transition that is no longer at the scheduled
 *   instant is ignored, and recorded as such (once).
 * - A delivery before the instant is ignored too: a transition never takes effect early.
 * - Otherwise the transition is claimed in the ledger, its effect runs (for a closing call, the
 *   Secretariat's email with the counts), and completing the claim writes the audit entry.
 *
 * Deadlines never wait for this: the submission check reads the calendar itself, so submissions
 * are refused from the deadline on even if this runs a day late.
 */
export interface ApplyTransitionPorts {
  readonly clock: Clock;
  readonly consultations: ConsultationRepository;
  readonly transitionLedger: TransitionLedger;
  readonly auditTrail: AuditTrail;
  readonly mailer: Mailer;
  /** Undefined where the submissions module is not wired in; the email then says counts are unavailable. */
  readonly submissionStatistics: SubmissionStatistics | undefined;
}

export type ApplyTransitionOutcome =
  | { readonly outcome: 'applied'; readonly entry: TransitionAppliedEntry }
  | { readonly outcome: 'already-applied' }
  | { readonly outcome: 'in-progress' }
  | {
      readonly outcome: 'ignored';
      readonly reason: 'not-in-calendar' | 'not-yet-due' | 'unknown-consultation';
    };

/** How long a claim keeps concurrent duplicates away; longer than the function's timeout. */
export const claimLeaseMilliseconds = 120_000;

const canonical = (instant: string): string => new Date(instant).toISOString();

export async function applyTransition(
  ports: ApplyTransitionPorts,
  delivery: Pick<TransitionDelivery, 'consultationId' | 'transitionId' | 'scheduledAt'>,
  trigger: TransitionTrigger,
): Promise<ApplyTransitionOutcome> {
  const now = ports.clock.now();
  const scheduledAt = canonical(delivery.scheduledAt);
  const stored = await ports.consultations.find(delivery.consultationId);
  if (stored === undefined) return { outcome: 'ignored', reason: 'unknown-consultation' };
  const { definition } = stored;
  const name = scheduleName(definition.id, delivery.transitionId);
  const transition = transitions(definition).find((candidate) => candidate.id === delivery.transitionId);

  if (transition === undefined || transition.at !== scheduledAt) {
    await ports.auditTrail.record(
      definition.id,
      `ignored#${delivery.transitionId}#${scheduledAt}#not-in-calendar`,
      {
        kind: 'delivery-ignored',
        at: now.toISOString(),
        transitionId: delivery.transitionId,
        scheduleName: name,
        scheduledAt,
        reason: 'not-in-calendar',
        ...(transition === undefined ? {} : { currentAt: transition.at }),
      },
    );
    return { outcome: 'ignored', reason: 'not-in-calendar' };
  }
  if (now.getTime() < Date.parse(scheduledAt)) {
    await ports.auditTrail.record(definition.id, `ignored#${transition.id}#${scheduledAt}#not-yet-due`, {
      kind: 'delivery-ignored',
      at: now.toISOString(),
      transitionId: transition.id,
      scheduleName: name,
      scheduledAt,
      reason: 'not-yet-due',
    });
    return { outcome: 'ignored', reason: 'not-yet-due' };
  }

  const key: TransitionKey = { consultationId: definition.id, transitionId: transition.id, scheduledAt };
  const claim = await ports.transitionLedger.claim(
    key,
    now,
    new Date(now.getTime() + claimLeaseMilliseconds),
  );
  if (claim.status !== 'claimed') return { outcome: claim.status };

  let effect: string;
  try {
    effect = await runEffect(ports, definition, transition);
  } catch (error) {
    await ports.transitionLedger.release(key, claim.claimId);
    throw error;
  }
  const entry: TransitionAppliedEntry = {
    kind: 'transition-applied',
    at: now.toISOString(),
    transitionId: transition.id,
    scheduleName: name,
    scheduledAt,
    trigger,
    lateBySeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(scheduledAt)) / 1000)),
    effect,
  };
  const completed = await ports.transitionLedger.complete(key, claim.claimId, entry);
  return completed ? { outcome: 'applied', entry } : { outcome: 'already-applied' };
}

/** What the transition does beyond being recorded; answers it in words for the audit trail. */
async function runEffect(
  ports: ApplyTransitionPorts,
  definition: ConsultationDefinition,
  transition: Transition,
): Promise<string> {
  switch (transition.kind) {
    case 'phase-started': {
      const { phase } = transition;
      const meeting =
        phase.meeting === undefined
          ? ''
          : ` (${phase.meeting.mode} meeting: ${localize(phase.meeting.venue, 'en')})`;
      return `${localize(phase.name, 'en')} started${meeting}`;
    }
    case 'phase-ended':
      return `${localize(transition.phase.name, 'en')} ended`;
    case 'call-opened':
      return `Call opened: ${localize(transition.call.title, 'en')}`;
    case 'call-closed': {
      const counts = await ports.submissionStatistics?.countsFor(definition.id, transition.call.kind);
      await ports.mailer.send(callClosedNotice(definition, { ...transition, kind: 'call-closed' }, counts));
      return `Call closed: ${localize(transition.call.title, 'en')}; Secretariat notified (${countsSummary(counts)})`;
    }
  }
}
