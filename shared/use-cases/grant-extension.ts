import { createHash } from 'node:crypto';
import type { ExtensionGrantedEntry } from '../domain/audit-entry.ts';
import type { CallKind } from '../domain/consultation-definition.ts';
import { type Extension, type ExtensionGrantee, granteeKey } from '../domain/extension.ts';
import { instantMilliseconds } from '../domain/instant.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { ExtensionRepository } from '../ports/extension-repository.ts';

/**
 * The Secretariat extends one submitter's deadline in one call (by email address or organization):
 * stored (replacing an earlier extension for the same grantee), recorded in the audit trail, and
 * from then on honoured by the submission deadline check. An extension extends: it ends after the
 * call closes and after now.
 */
export interface GrantExtensionPorts {
  readonly clock: Clock;
  readonly consultations: ConsultationRepository;
  readonly extensions: ExtensionRepository;
  readonly auditTrail: AuditTrail;
}

export interface GrantExtensionRequest {
  readonly consultationId: string;
  readonly call: CallKind;
  readonly grantee: ExtensionGrantee;
  readonly until: string;
  readonly reason: string;
  readonly actor: string;
}

export type GrantExtensionResult =
  | { readonly outcome: 'granted'; readonly extension: Extension }
  | { readonly outcome: 'consultation-not-found' }
  | { readonly outcome: 'call-not-found' }
  | { readonly outcome: 'invalid'; readonly field: string; readonly message: string };

export async function grantExtension(
  ports: GrantExtensionPorts,
  request: GrantExtensionRequest,
): Promise<GrantExtensionResult> {
  const stored = await ports.consultations.find(request.consultationId);
  if (stored === undefined) return { outcome: 'consultation-not-found' };
  const call = stored.definition.calls.find((candidate) => candidate.kind === request.call);
  if (call === undefined) return { outcome: 'call-not-found' };
  const now = ports.clock.now();
  const until = new Date(instantMilliseconds(request.until));
  if (until.getTime() <= instantMilliseconds(call.closesAt)) {
    return {
      outcome: 'invalid',
      field: 'until',
      message: `An extension ends after the call closes (${call.closesAt})`,
    };
  }
  if (until.getTime() <= now.getTime()) {
    return {
      outcome: 'invalid',
      field: 'until',
      message: `An extension ends in the future (now is ${now.toISOString()})`,
    };
  }
  const extension: Extension = {
    call: request.call,
    grantee: request.grantee,
    until: until.toISOString(),
    reason: request.reason,
    grantedAt: now.toISOString(),
    grantedBy: request.actor,
  };
  // The extension this one replaces, read before it is replaced: the audit entry's "before". A
  // retried grant finds itself here; it then records nothing new (same idempotency key below).
  const key = granteeKey(request.grantee);
  const replaced = (await ports.extensions.list(request.consultationId)).find(
    (earlier) => earlier.call === request.call && granteeKey(earlier.grantee) === key,
  );
  await ports.extensions.grant(request.consultationId, extension);
  const entry: ExtensionGrantedEntry = {
    kind: 'extension-granted',
    at: extension.grantedAt,
    actor: request.actor,
    reason: request.reason,
    call: request.call,
    grantee: request.grantee,
    until: extension.until,
    ...(replaced === undefined
      ? {}
      : {
          replaced: {
            until: replaced.until,
            reason: replaced.reason,
            grantedAt: replaced.grantedAt,
            grantedBy: replaced.grantedBy,
          },
        }),
  };
  // Keyed by what was granted, so a client retrying the same grant adds no second entry; the key
  // is a digest, so no email address appears in a key.
  const digest = createHash('sha256')
    .update(JSON.stringify([request.call, key, extension.until, request.reason]))
    .digest('hex')
    .slice(0, 32);
  await ports.auditTrail.record(request.consultationId, `extension#${digest}`, entry);
  return { outcome: 'granted', extension };
}
