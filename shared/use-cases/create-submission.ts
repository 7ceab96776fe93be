import { editTokenHash } from '../domain/edit-token.ts';
import {
  contentSha256,
  type StoredSubmission,
  type SubmissionReceipt,
  submissionReference,
} from '../domain/submission.ts';
import type { SubmissionContent } from '../domain/submission-content.ts';
import { submitterActor } from '../domain/submission-history.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdentifierSource } from '../ports/identifiers.ts';
import type { IdempotencyRecord } from '../ports/submission-repository.ts';
import { idempotencyKeySha256, openEditToken, requestSha256, sealEditToken } from './idempotency-seal.ts';
import { type ConfirmationPorts, editLinkFor, sendConfirmationOnce } from './send-confirmation.ts';
import { refuse } from './submission-refusal.ts';
import { type OpenCall, requireOpenCall, type WriteWindowPorts } from './submission-write-window.ts';

export interface CreateSubmissionPorts extends WriteWindowPorts, ConfirmationPorts {
  readonly clock: Clock;
  readonly identifiers: IdentifierSource;
}

export interface CreateSubmissionRequest {
  readonly consultationId: string;
  readonly content: SubmissionContent;
  readonly status: 'draft' | 'submitted';
  readonly idempotencyKey?: string | undefined;
  readonly publicBaseUrl: string;
}

export interface CreatedSubmission {
  readonly receipt: SubmissionReceipt;
  /** Shown once: only its hash is stored. */
  readonly editToken: string;
  /** True when an earlier request with the same Idempotency-Key and body made it. */
  readonly replayed: boolean;
}

/** How long an Idempotency-Key is remembered: a day covers every sensible client retry. */
const idempotencyWindowSeconds = 24 * 60 * 60;

/**
 * Creates a draft or a submitted submission, in a call that accepts writes now (or for a submitter
 * holding an extension). Nothing is written before every check has passed. With an
 * Idempotency-Key, a retry with the same body gets the same submission and answer, even after the
 * deadline, and a retry after a crash half-way finishes the same submission instead of making a
 * second one; the same key with another body is refused.
 */
export async function createSubmission(
  ports: CreateSubmissionPorts,
  request: CreateSubmissionRequest,
): Promise<CreatedSubmission> {
  const now = ports.clock.now();
  const { consultationId, content } = request;
  const requestHash = requestSha256({ ...content, status: request.status });
  const keyHash =
    request.idempotencyKey === undefined ? undefined : idempotencyKeySha256(request.idempotencyKey);

  // The deadline gate and the idempotency lookup are independent reads: both at once. A replay
  // answers even when the gate would refuse (the first request was on time).
  const gate: Promise<{ open: OpenCall } | { refusal: unknown }> = requireOpenCall(ports, {
    consultationId,
    call: content.call,
    submitter: content.submitter,
    at: now,
  }).then(
    (open) => ({ open }),
    (refusal: unknown) => ({ refusal }),
  );
  const openCall = async (): Promise<OpenCall> => {
    const result = await gate;
    if ('refusal' in result) throw result.refusal;
    return result.open;
  };

  if (keyHash !== undefined && request.idempotencyKey !== undefined) {
    const earlier = await ports.submissions.findIdempotencyRecord(consultationId, keyHash);
    if (earlier !== undefined) return replay(ports, request, earlier, requestHash, openCall, now);
  }

  const open = await openCall();
  if (!open.definition.stakeholderTypes.includes(content.submitter.stakeholderType)) {
    refuse({
      kind: 'invalid-content',
      errors: [
        {
          path: 'body.submitter.stakeholderType',
          message: `This consultation takes ${open.definition.stakeholderTypes.join(', ')}`,
        },
      ],
    });
  }

  const number = await ports.submissions.nextReferenceNumber(consultationId, content.call);
  const createdAt = now.toISOString();
  const receipt: SubmissionReceipt = {
    id: ports.identifiers.submissionId(),
    reference: submissionReference(open.definition, open.call, number),
    call: content.call,
    status: request.status,
    createdAt,
    ...(request.status === 'submitted' ? { submittedAt: createdAt } : {}),
    contentSha256: contentSha256(content),
  };
  const editToken = ports.identifiers.editToken();

  if (keyHash !== undefined && request.idempotencyKey !== undefined) {
    const record: IdempotencyRecord = {
      consultationId,
      keySha256: keyHash,
      requestSha256: requestHash,
      receipt,
      sealedEditToken: sealEditToken(editToken, request.idempotencyKey, consultationId),
      createdAt,
      expiresAt: Math.floor(now.getTime() / 1000) + idempotencyWindowSeconds,
    };
    if (!(await ports.submissions.recordIdempotency(record))) {
      // A concurrent request with the same key got there first: its submission is the one.
      const winner = await ports.submissions.findIdempotencyRecord(consultationId, keyHash);
      if (winner === undefined)
        throw new Error('Idempotency record vanished after a conditional-write conflict');
      return replay(ports, request, winner, requestHash, openCall, now);
    }
  }

  await store(ports, request, receipt, editToken, open, now);
  return { receipt, editToken, replayed: false };
}

async function replay(
  ports: CreateSubmissionPorts,
  request: CreateSubmissionRequest,
  earlier: IdempotencyRecord,
  requestHash: string,
  openCall: () => Promise<OpenCall>,
  now: Date,
): Promise<CreatedSubmission> {
  if (earlier.requestSha256 !== requestHash) refuse({ kind: 'idempotency-key-reused' });
  const editToken = openEditToken(
    earlier.sealedEditToken,
    request.idempotencyKey ?? '',
    request.consultationId,
  );
  const existing = await ports.submissions.find(earlier.receipt.id);
  if (existing === undefined) {
    // The first request recorded its key and stopped before storing: finish its work, on time only.
    await store(ports, request, earlier.receipt, editToken, await openCall(), now);
  } else if (
    existing.status === 'submitted' &&
    (await ports.submissions.findConfirmation(existing.id)) === undefined
  ) {
    // Stored but stopped before the receipt was claimed: the claim keeps this to one email.
    const gate = await openCall().catch(() => undefined);
    if (gate !== undefined) {
      await sendConfirmationOnce(ports, {
        ...gate,
        submission: existing,
        editLink: editLinkFor(request.publicBaseUrl, existing.id, editToken),
        editableUntil: gate.until,
        at: now,
      });
    }
  }
  return { receipt: earlier.receipt, editToken, replayed: true };
}

async function store(
  ports: CreateSubmissionPorts,
  request: CreateSubmissionRequest,
  receipt: SubmissionReceipt,
  editToken: string,
  open: OpenCall,
  now: Date,
): Promise<void> {
  const submission: StoredSubmission = {
    ...receipt,
    consultationId: request.consultationId,
    version: 1,
    editTokenSha256: editTokenHash(editToken),
    updatedAt: receipt.createdAt,
    content: request.content,
    history: [
      { kind: 'created', at: receipt.createdAt, actor: submitterActor, version: 1, status: receipt.status },
    ],
  };
  // False only when a twin request resuming the same key stored it first: the same submission.
  await ports.submissions.create(submission);
  if (submission.status === 'submitted') {
    await sendConfirmationOnce(ports, {
      definition: open.definition,
      call: open.call,
      submission,
      editLink: editLinkFor(request.publicBaseUrl, submission.id, editToken),
      editableUntil: open.until,
      at: now,
    });
  }
}
