import { type AddressRole, erasedText, eraseFromContent } from '../domain/personal-data.ts';
import { contentSha256 } from '../domain/submission.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';

/**
 * Erases persons from one stored submission: the content's personal fields become markers (see
 * `eraseFromContent`), the content hash follows the content, and when the submitter goes, the edit
 * token's hash goes too, so the old edit link opens nothing. Status, call, reference, stakeholder
 * type, country, action lines and SDGs stay, so every count stays. Written under the optimistic
 * lock, retried on a concurrent edit. Answers whether anything was erased (false when the
 * submission is gone or has nothing left to erase: erasing is idempotent).
 */
export const erasedEditTokenSha256 = 'erased';

export async function eraseSubmissionPersons(
  submissions: SubmissionRepository,
  submissionId: string,
  roles: (content: Parameters<typeof eraseFromContent>[0]) => readonly AddressRole[] | 'all',
  at: Date,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const submission = await submissions.find(submissionId);
    if (submission === undefined) return false;
    const chosen = roles(submission.content);
    if (chosen !== 'all' && chosen.length === 0) return false;
    const erased = eraseFromContent(submission.content, chosen);
    const submitterErased = chosen === 'all' || chosen.includes('submitter');
    const tokenStays = !submitterErased || submission.editTokenSha256 === erasedEditTokenSha256;
    // The Secretariat's message to a moderated workshop's submitter was written to that person.
    const moderationStays =
      !submitterErased || submission.moderation === undefined || submission.moderation.message === erasedText;
    if (erased.erasedFields.length === 0 && tokenStays && moderationStays) return false;
    const stored = await submissions.replace(
      {
        ...submission,
        version: submission.version + 1,
        updatedAt: at.toISOString(),
        personalDataErasedAt: at.toISOString(),
        editTokenSha256: tokenStays ? submission.editTokenSha256 : erasedEditTokenSha256,
        content: erased.content,
        ...(moderationStays || submission.moderation === undefined
          ? {}
          : { moderation: { ...submission.moderation, message: erasedText } }),
        contentSha256: contentSha256(erased.content),
      },
      submission.version,
    );
    if (stored) return true;
  }
  throw new Error(`Submission ${submissionId} kept changing while its personal data was erased`);
}
