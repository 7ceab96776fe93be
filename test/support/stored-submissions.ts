import type { CallKind } from '../../shared/domain/consultation-definition.ts';
import { contentSha256, type StoredSubmission } from '../../shared/domain/submission.ts';
import { type Submitter, submissionContentSchema } from '../../shared/domain/submission-content.ts';
import { issueExampleSubmission } from './issue-example-submission.ts';

/**
 * A maker of stored submissions for repository-level tests: the issue's example, by the given
 * address, in the given status and call (a photo-contest entry gets its photo block), numbered in
 * order: ids `00000000-0000-4000-<idBlock>-<n>`, titles `<titlePrefix> <n>`, references WSIS22-OS-<n>.
 */
export function storedSubmissionMaker(options: {
  readonly idBlock: string;
  readonly titlePrefix: string;
  readonly submitter?: Partial<Submitter>;
}) {
  let sequence = 0;
  return (
    email: string,
    status: StoredSubmission['status'],
    call: CallKind = 'official-submission',
    consultationId = 'wsis-forum-2022',
  ): StoredSubmission => {
    sequence += 1;
    const content = submissionContentSchema.parse({
      ...issueExampleSubmission,
      call,
      ...(call === 'photo-contest'
        ? {
            photo: {
              caption: 'A community network mast at dawn',
              place: 'Kédougou, Senegal',
              sdg: 9,
              rightsDeclaration: true,
              ageDeclaration: true,
            },
          }
        : {}),
      title: `${options.titlePrefix} ${sequence}`,
      submitter: { ...issueExampleSubmission.submitter, ...options.submitter, email },
    });
    return {
      id: `00000000-0000-4000-${options.idBlock}-${String(sequence).padStart(12, '0')}`,
      consultationId,
      call,
      reference: `WSIS22-OS-${String(sequence).padStart(6, '0')}`,
      status,
      version: 1,
      editTokenSha256: 'a'.repeat(64),
      createdAt: '2022-03-01T12:00:00.000Z',
      updatedAt: '2022-03-01T12:00:00.000Z',
      history: [],
      contentSha256: contentSha256(content),
      content,
    };
  };
}
