import type { Call, CallKind, ConsultationDefinition } from '../domain/consultation-definition.ts';
import { type SubmitterIdentity, writeWindowAt } from '../domain/extension.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { ExtensionRepository } from '../ports/extension-repository.ts';
import { refuse } from './submission-refusal.ts';

export interface WriteWindowPorts {
  readonly consultations: ConsultationRepository;
  readonly extensions: ExtensionRepository;
}

export interface OpenCall {
  readonly definition: ConsultationDefinition;
  readonly call: Call;
  /** The end of this submitter's window: the call's deadline, or a later extension's. */
  readonly until: Date;
}

/**
 * The deadline gate of every write (create, edit, submit, withdraw): the calendar as stored now and
 * the submitter's extensions, read at write time and judged at `at`, the request's instant. The
 * scheduled close of a call may fire late; it is never what lets a write through.
 */
export async function requireOpenCall(
  ports: WriteWindowPorts,
  request: {
    readonly consultationId: string;
    readonly call: CallKind;
    readonly submitter: SubmitterIdentity;
    readonly at: Date;
  },
): Promise<OpenCall> {
  // Both reads at once: they are independent, and this runs on every write.
  const [stored, extensions] = await Promise.all([
    ports.consultations.find(request.consultationId),
    ports.extensions.findFor(request.consultationId, request.call, request.submitter),
  ]);
  if (stored === undefined)
    return refuse({ kind: 'consultation-not-found', consultationId: request.consultationId });
  const call = stored.definition.calls.find((candidate) => candidate.kind === request.call);
  if (call === undefined) {
    return refuse({
      kind: 'invalid-content',
      errors: [{ path: 'body.call', message: `This consultation has no ${request.call} call` }],
    });
  }
  const window = writeWindowAt(call, request.at, extensions);
  if (window.status === 'not-open') return refuse({ kind: 'call-not-open', opensAt: window.opensAt });
  if (window.status === 'closed') return refuse({ kind: 'call-closed', closedAt: window.closedAt });
  return { definition: stored.definition, call, until: new Date(window.until) };
}
