import { createIntervalPacer } from '../../shared/adapters/pacing/interval-pacer.ts';
import { queueDefinitions } from '../../shared/adapters/sqs/queue-definitions.ts';
import { defaultEmailSending, type RuntimeConfig } from '../../shared/config/runtime-config.ts';
import type { SendPacer } from '../../shared/ports/send-pacer.ts';
import type { PortFactory } from '../lambda-entry.ts';

/**
 * A pacer for the reminder sender: the configured rate (capped by SES's), shared by the pacers that
 * run at once. In Lambda that is every concurrent invocation of the sender (the queue's maximum
 * concurrency), each with its own; the local runtime runs them all on one.
 */
export function createSendPacer(
  config: RuntimeConfig,
  pacersSharingTheRate: number = queueDefinitions.reminders.maximumConcurrency,
): SendPacer {
  const sending = config.emailSending ?? defaultEmailSending;
  const rate = Math.min(sending.ratePerSecond, sending.sesMaxSendRate);
  return createIntervalPacer(rate / pacersSharingTheRate);
}

/** One pacer per execution environment (no AWS client). */
export const pacerPerExecutionEnvironment: PortFactory<'pacer'> = (config) => createSendPacer(config);
