import * as z from 'zod';
import { consultationIdSchema } from '../domain/consultation-definition.ts';
import { emailAddressSchema } from '../domain/email-address.ts';
import { languageSchema, languages } from '../domain/localized-text.ts';
import { stakeholderTypeSchema } from '../domain/stakeholder-type.ts';
import { isIanaTimeZone } from '../domain/time-zone.ts';

/** Wire contracts of subscriptions, confirmation, one-click unsubscribe and delivery figures. */

export const subscriptionRequestSchema = z
  .strictObject({
    email: emailAddressSchema,
    language: languageSchema.meta({ description: 'Language of the emails: ar, en, es, fr, ru or zh.' }),
    timezone: z
      .string()
      .refine(isIanaTimeZone, 'Use an IANA time zone name, e.g. America/Bogota')
      .optional()
      .meta({ description: 'Your IANA time zone: emails show times in it besides official time.' }),
    stakeholderType: stakeholderTypeSchema.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 code, e.g. CO')
      .optional()
      .meta({ description: 'ISO 3166-1 alpha-2 country code.' }),
  })
  .meta({ id: 'SubscriptionRequest' });

export const subscriptionAcceptedSchema = z
  .object({
    status: z.literal('confirmation-pending'),
    detail: z.string(),
  })
  .meta({ id: 'SubscriptionAccepted' });

const tokenSchema = z.string().min(1).max(200).meta({ description: 'The token from the link in the email.' });

const pageLanguage = z
  .enum(languages)
  .optional()
  .meta({ description: 'Language of the page; English by default.' });

export const confirmationPageQuery = z.strictObject({ token: tokenSchema, lang: pageLanguage });
export const confirmationRequestSchema = z
  .strictObject({ token: tokenSchema })
  .meta({ id: 'ConfirmationRequest' });
export const confirmationResultSchema = z
  .object({ status: z.literal('confirmed'), consultationId: consultationIdSchema })
  .meta({ id: 'ConfirmationResult' });

export const unsubscribeQuery = z.strictObject({ token: tokenSchema, lang: pageLanguage });
export const unsubscribeResultSchema = z
  .object({ status: z.literal('unsubscribed') })
  .meta({ id: 'UnsubscribeResult' });

export const waveFiguresParams = z.strictObject({
  id: consultationIdSchema,
  waveId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,31}$/, 'Use a wave id such as deadline-20220307T1300Z-P7D')
    .meta({ description: 'Wave id, e.g. `deadline-20220307T1300Z-P7D` or `meeting-phase-2-P1D`.' }),
});

export const waveFiguresSchema = z
  .object({
    consultationId: consultationIdSchema,
    waveId: z.string(),
    recipients: z.int().meta({ description: 'Recipients with a send record.' }),
    sent: z.int(),
    bounced: z.int(),
    complained: z.int(),
    suppressed: z.int().meta({ description: 'Not sent: the address was on the suppression list.' }),
    unsubscribed: z.int().meta({ description: 'Not sent: the address had unsubscribed.' }),
    alreadySubmitted: z.int().meta({
      description: "Not sent (deadline waves): the recipient's submission was in for every call of the wave.",
    }),
    failed: z.int().meta({ description: 'SES refused the email for good.' }),
    inProgress: z.int().meta({ description: 'Being sent or waiting for a retry.' }),
  })
  .meta({ id: 'WaveFigures' });
