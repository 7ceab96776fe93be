import * as z from 'zod';
import { consultationIdSchema } from '../domain/consultation-definition.ts';

/**
 * `{id}` of the routes under `/v1/consultations/{id}`. Its own module, so that the submission and
 * subscription routes can name it without building the consultation view's schemas at cold start.
 */
export const consultationIdParams = z.strictObject({ id: consultationIdSchema });
