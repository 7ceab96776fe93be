import * as z from 'zod';
import { actionLineSchema, sdgSchema } from './action-lines.ts';
import type { CallKind } from './consultation-definition.ts';
import { countryCodeSchema } from './country-codes.ts';
import { civilDateSchema } from './instant.ts';
import { languageSchema } from './localized-text.ts';
import { stakeholderTypeSchema } from './stakeholder-type.ts';
import { isIanaTimeZone } from './time-zone.ts';

/**
 * What a stakeholder submits to a call: the fields every call shares (submitter, title, body, action
 * lines, SDGs, consent) and the block of its own call. Strict everywhere (unknown keys are refused)
 * and bounded everywhere: every string has a maximum length and every array a maximum size, so a
 * valid submission always fits far below DynamoDB's 400 KB item limit. Strings are stored exactly as
 * sent (no trimming), so the content hash is the hash of what the submitter sent.
 */

/** A bounded, non-blank string. */
const text = (max: number) => z.string().min(1).max(max).regex(/\S/, 'Must not be blank');

const personName = text(200);
const organizationName = text(200);
const emailAddress = z.email().max(254);

const uniqueItems = <T>(values: readonly T[]) => new Set(values).size === values.length;

export const submitterSchema = z
  .strictObject({
    name: personName.meta({ description: 'The focal point sending the submission.' }),
    email: emailAddress.meta({ description: 'Where the receipt goes; never shown in statistics.' }),
    organization: organizationName.meta({ description: 'The organization the submission speaks for.' }),
    stakeholderType: stakeholderTypeSchema,
    country: countryCodeSchema,
    language: languageSchema.meta({ description: 'Language of the confirmation email.' }),
    timezone: z
      .string()
      .max(64)
      .refine(isIanaTimeZone, 'Use an IANA time zone name, e.g. Africa/Dakar')
      .optional()
      .meta({ description: 'IANA zone the receipt shows times in, beside official time.' }),
  })
  .meta({ id: 'Submitter' });

export const consentSchema = z
  .strictObject({
    processing: z.literal(true, { error: 'Processing consent is required to receive a submission' }).meta({
      description: 'Consent to the processing of the submission and of the submitter’s data (required).',
    }),
    publish: z.boolean().meta({ description: 'Whether the submission may be published.' }),
  })
  .meta({ id: 'Consent' });

const sharedFields = {
  submitter: submitterSchema,
  title: text(300),
  body: text(30_000).meta({ description: 'The contribution itself, as plain text.' }),
  actionLines: z
    .array(actionLineSchema)
    .min(1)
    .max(19)
    .refine(uniqueItems, 'Each action line may appear once')
    .meta({ description: 'WSIS Action Lines addressed: C1 to C11, or a C7 e-application like C7.e-health.' }),
  sdgs: z
    .array(sdgSchema)
    .min(1)
    .max(17)
    .refine(uniqueItems, 'Each SDG may appear once')
    .meta({ description: 'Sustainable Development Goals addressed, by number.' }),
  consent: consentSchema,
};

const organizerSchema = z
  .strictObject({
    organization: organizationName,
    stakeholderType: stakeholderTypeSchema,
    country: countryCodeSchema.optional(),
  })
  .meta({ id: 'WorkshopOrganizer' });

export const workshopFormats = ['in-person', 'virtual', 'hybrid'] as const;

export const workshopSchema = z
  .strictObject({
    format: z.enum(workshopFormats).meta({ description: 'How the workshop is held.' }),
    durationMinutes: z
      .int()
      .min(30)
      .max(180)
      .multipleOf(15)
      .meta({ description: 'Length of the requested slot, 30 to 180 minutes in steps of 15.' }),
    organizers: z.array(organizerSchema).min(1).max(10),
    coOrganizers: z.array(organizerSchema).max(20),
    speakers: z
      .array(
        z.strictObject({
          name: personName,
          organization: organizationName,
          stakeholderType: stakeholderTypeSchema,
          country: countryCodeSchema.optional(),
        }),
      )
      .max(30),
  })
  .meta({ id: 'WorkshopRequest', description: 'A binding workshop request.' });

export const nominationSchema = z
  .strictObject({
    nominee: z.strictObject({
      name: personName,
      position: text(200),
      organization: organizationName,
      email: emailAddress,
      stakeholderType: stakeholderTypeSchema,
      country: countryCodeSchema,
    }),
    nominator: z.strictObject({
      name: personName,
      organization: organizationName,
      email: emailAddress,
    }),
    bio: text(5_000).meta({ description: 'The nominee’s biography.' }),
  })
  .meta({ id: 'HltfNomination', description: 'A nomination of a High-Level Track Facilitator.' });

export const photoEntrySchema = z
  .strictObject({
    caption: text(500),
    place: text(200).meta({ description: 'Where the photo was taken.' }),
    sdg: sdgSchema.meta({ description: 'The SDG the photo illustrates.' }),
    rightsDeclaration: z.literal(true, {
      error: 'The entrant must declare holding every right to the photo',
    }),
    ageDeclaration: z.literal(true, { error: 'The entrant must declare being of age' }),
  })
  .meta({
    id: 'PhotoContestEntry',
    description: 'A WSIS Photo Contest entry; the image is uploaded separately, later.',
  });

export const regionalEventSchema = z
  .strictObject({
    name: text(300),
    date: civilDateSchema,
    place: text(200),
    outcomeSummary: text(10_000),
  })
  .meta({ id: 'RegionalEvent', description: 'A regional or national WSIS-related event and its outcome.' });

export const officialSubmissionContentSchema = z.strictObject({
  call: z.literal('official-submission'),
  ...sharedFields,
});
export const workshopRequestContentSchema = z.strictObject({
  call: z.literal('workshop-request'),
  ...sharedFields,
  workshop: workshopSchema,
});
export const nominationContentSchema = z.strictObject({
  call: z.literal('hltf-nomination'),
  ...sharedFields,
  nomination: nominationSchema,
});
export const photoEntryContentSchema = z.strictObject({
  call: z.literal('photo-contest'),
  ...sharedFields,
  photo: photoEntrySchema,
});
export const regionalInputContentSchema = z.strictObject({
  call: z.literal('regional-input'),
  ...sharedFields,
  event: regionalEventSchema,
});

/** The content schema of each call kind. */
export const contentSchemaByCall = {
  'official-submission': officialSubmissionContentSchema,
  'workshop-request': workshopRequestContentSchema,
  'hltf-nomination': nominationContentSchema,
  'photo-contest': photoEntryContentSchema,
  'regional-input': regionalInputContentSchema,
} as const satisfies Record<CallKind, z.ZodType>;

export const submissionContentSchema = z.discriminatedUnion('call', [
  officialSubmissionContentSchema,
  workshopRequestContentSchema,
  nominationContentSchema,
  photoEntryContentSchema,
  regionalInputContentSchema,
]);

export type SubmissionContent = z.output<typeof submissionContentSchema>;
export type Submitter = SubmissionContent['submitter'];

/** The fields a merge patch may change: all of the content but the call, which fixes the reference. */
export const editableFieldNames = [
  'submitter',
  'title',
  'body',
  'actionLines',
  'sdgs',
  'consent',
  'workshop',
  'nomination',
  'photo',
  'event',
] as const;
