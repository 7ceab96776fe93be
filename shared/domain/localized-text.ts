import * as z from 'zod';

/** The six official UN languages, which the consultation's letters and pages are issued in. */
export const languages = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Language = (typeof languages)[number];

export const languageSchema = z.enum(languages).meta({ description: 'One of the six UN languages.' });

const translation = z.string().regex(/\S/, 'Text must not be blank');

/**
 * Text in the UN languages. English is required because it is the fallback: a translation that
 * has not been written (or that we could not write reliably) is better shown in English than
 * guessed, so missing languages are simply left out.
 */
export const localizedTextSchema = z
  .strictObject({
    en: translation,
    ar: translation.optional(),
    es: translation.optional(),
    fr: translation.optional(),
    ru: translation.optional(),
    zh: translation.optional(),
  })
  .meta({ description: 'Text in the six UN languages; English is required and is the fallback.' });

export type LocalizedText = z.output<typeof localizedTextSchema>;

/** The text in the requested language, or in English when that translation is missing. */
export function localize(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en;
}
