import type { CallKind } from '../domain/consultation-definition.ts';
import type { Extension, SubmitterIdentity } from '../domain/extension.ts';

export interface ExtensionRepository {
  /** Stores the extension, replacing any earlier one for the same call and grantee. */
  grant(consultationId: string, extension: Extension): Promise<void>;
  /** The extensions that apply to this submitter in this call (by email, by organization). */
  findFor(consultationId: string, call: CallKind, submitter: SubmitterIdentity): Promise<Extension[]>;
  /** Every extension of the consultation, by call. */
  list(consultationId: string): Promise<Extension[]>;
}
