import { canonicalJson } from '../domain/canonical-json.ts';
import { applyMergePatch } from '../domain/json-merge-patch.ts';
import { contentSha256, type StoredSubmission } from '../domain/submission.ts';
import { contentSchemaByCall, type SubmissionContent } from '../domain/submission-content.ts';
import { changedFields, submitterActor, withEdit } from '../domain/submission-history.ts';
import type { Clock } from '../ports/clock.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';
import { checkIfMatch, loadForTokenHolder, refuseIfWithdrawn } from './submission-access.ts';
import { presentSubmission, serverKeptFields } from './submission-presentation.ts';
import { type InvalidField, refuse } from './submission-refusal.ts';
import { requireOpenCall, type WriteWindowPorts } from './submission-write-window.ts';

export interface UpdateSubmissionPorts extends WriteWindowPorts {
  readonly submissions: SubmissionRepository;
  readonly clock: Clock;
}

/**
 * Applies a JSON merge patch (RFC 7396) to a submission's content, for the token holder, with the
 * version read (If-Match, required), while the call accepts this submitter's writes. The merged
 * content is validated as a whole, exactly as a new submission would be. Server-kept fields may
 * appear in the patch only with their current value (so a client may send back what it read).
 * A patch that changes nothing writes nothing and keeps the version.
 */
export async function updateSubmission(
  ports: UpdateSubmissionPorts,
  request: {
    readonly submissionId: string;
    readonly authorization: string | undefined;
    readonly ifMatch: string | undefined;
    readonly patch: Readonly<Record<string, unknown>>;
  },
): Promise<StoredSubmission> {
  const now = ports.clock.now();
  const { submission } = await loadForTokenHolder(ports, request);
  if (request.ifMatch === undefined) return refuse({ kind: 'precondition-required' });
  checkIfMatch(request.ifMatch, submission);
  refuseIfWithdrawn(submission);

  const content = mergedContent(submission, request.patch);
  const open = await requireOpenCall(ports, {
    consultationId: submission.consultationId,
    call: submission.call,
    // The identity on record decides extensions: a patch cannot move a submission under another's.
    submitter: submission.content.submitter,
    at: now,
  });
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
  if (canonicalJson(content) === canonicalJson(submission.content)) return submission;

  const version = submission.version + 1;
  const updated: StoredSubmission = {
    ...submission,
    content,
    contentSha256: contentSha256(content),
    version,
    updatedAt: now.toISOString(),
    history: withEdit(submission.history, {
      kind: 'edited',
      at: now.toISOString(),
      actor: submitterActor,
      version,
      fields: changedFields(submission.content, content),
    }),
  };
  if (!(await ports.submissions.replace(updated, submission.version))) {
    // Another write got in between the read and this one: the client's version is stale.
    return refuse({ kind: 'precondition-failed', currentVersion: submission.version + 1 });
  }
  return updated;
}

function mergedContent(
  submission: StoredSubmission,
  patch: Readonly<Record<string, unknown>>,
): SubmissionContent {
  const current: Record<string, unknown> = presentSubmission(submission);
  const errors: InvalidField[] = [];
  const editablePatch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(patch)) {
    if ((serverKeptFields as readonly string[]).includes(name)) {
      if (canonicalJson(value) !== canonicalJson(current[name] ?? null)) {
        errors.push({ path: `body.${name}`, message: 'Kept by the server; a patch cannot change it' });
      }
    } else {
      editablePatch[name] = value;
    }
  }
  const { call: _call, ...editable } = submission.content;
  const merged = applyMergePatch(editable, editablePatch);
  const parsed = contentSchemaByCall[submission.call].safeParse({
    ...(typeof merged === 'object' && merged !== null ? merged : {}),
    call: submission.call,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) return refuse({ kind: 'invalid-content', errors });
  return parsed.data;
}
