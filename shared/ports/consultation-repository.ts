import type { ConsultationDefinition } from '../domain/consultation-definition.ts';

/** A consultation as stored: its definition (the calendar as data) and the version of that data. */
export interface StoredConsultation {
  readonly definition: ConsultationDefinition;
  /** Increases with every stored change of the definition; the optimistic-lock token. */
  readonly version: number;
  readonly updatedAt: string;
}

export interface ConsultationRepository {
  find(id: string): Promise<StoredConsultation | undefined>;
  /** Every consultation, earliest first. */
  list(): Promise<StoredConsultation[]>;
  /**
   * Stores a definition as version 1 unless a consultation with its id is already stored, so seeding
   * twice (every local start, every deploy) never overwrites a date the Secretariat has changed.
   * Answers whether it stored it.
   */
  seed(definition: ConsultationDefinition, at: Date): Promise<boolean>;
  /**
   * Stores a changed definition as `expectedVersion + 1`, only if the stored version is still
   * `expectedVersion` (optimistic lock): two Secretariat members editing at once cannot silently
   * overwrite each other. Answers the stored consultation, or `version-conflict`.
   */
  update(
    definition: ConsultationDefinition,
    expectedVersion: number,
    at: Date,
  ): Promise<StoredConsultation | 'version-conflict'>;
}
