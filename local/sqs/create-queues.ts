import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  physicalQueueName,
  type QueueKey,
  queueDefinitions,
  queueKeys,
} from '../../shared/adapters/sqs/queue-definitions.ts';

export interface CreatedQueue {
  readonly url: string;
  readonly deadLetterUrl: string;
}

/**
 * Creates every queue of `queueDefinitions` with its dead-letter queue and redrive policy, as CDK
 * does. `visibilityTimeoutSeconds` replaces the definition's (tests want re-deliveries in seconds,
 * not the half hour a deployed sender needs).
 */
export async function createQueues(
  client: SQSClient,
  prefix: string,
  options: { readonly visibilityTimeoutSeconds?: number } = {},
): Promise<Record<QueueKey, CreatedQueue>> {
  const created = await Promise.all(
    queueKeys.map(async (key): Promise<[QueueKey, CreatedQueue]> => {
      const definition = queueDefinitions[key];
      const name = physicalQueueName(prefix, key);
      const deadLetter = await client.send(
        new CreateQueueCommand({
          QueueName: `${name}-dlq`,
          Attributes: { MessageRetentionPeriod: String(definition.deadLetterRetentionDays * 86_400) },
        }),
      );
      if (deadLetter.QueueUrl === undefined) throw new Error(`No URL for ${name}-dlq`);
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: deadLetter.QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      const queue = await client.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(
              options.visibilityTimeoutSeconds ?? definition.visibilityTimeoutSeconds,
            ),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: Attributes?.QueueArn,
              maxReceiveCount: definition.maxReceiveCount,
            }),
          },
        }),
      );
      if (queue.QueueUrl === undefined) throw new Error(`No URL for ${name}`);
      return [key, { url: queue.QueueUrl, deadLetterUrl: deadLetter.QueueUrl }];
    }),
  );
  return Object.fromEntries(created) as Record<QueueKey, CreatedQueue>;
}
