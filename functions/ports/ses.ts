import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createSesMailer, sesClientSettings } from '../../shared/adapters/ses/ses-mailer.ts';
import { requireEmailConfig } from '../../shared/config/runtime-config.ts';
import type { PortFactory } from '../lambda-entry.ts';
import { traced } from '../observability.ts';

/**
 * The SES-backed mailer, for Lambda entry points that send email (manifest access `email`); one
 * attempt per call and a request timeout (see `sesClientSettings`).
 */
export const mailerThroughSes: PortFactory<'mailer'> = (config) =>
  createSesMailer(traced(new SESv2Client(sesClientSettings)), requireEmailConfig(config));
