import { randomUUID } from 'node:crypto';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * Lambda's SQS event source, locally: long-polls the queue, hands up to `batchSize` messages to the
 * function as an `SQSEvent`, then deletes every message the function did not report in
 * `batchItemFailures`. A function that throws has every message of its batch left to come back
 * after the visibility timeout; the queue's redrive policy moves a message to the dead-letter queue
 * after maxReceiveCount receives. Up to `maximumConcurrency` invocations run at once.
 */
export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface EventSourceOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  readonly batchSize: number;
  readonly maximumConcurrency: number;
  readonly handler: QueueHandler;
  readonly context: () => Context;
  /**
   * Fault injection: the first `n` successful invocations delete nothing, as when an invocation
   * outlives the visibility timeout, so their batches are delivered again.
   */
  readonly leaveBatchesAfterSuccess?: number;
}

export interface EventSource {
  /** Resolves once the queue holds no message (visible, in flight or delayed) and no invocation runs. */
  idle(): Promise<void>;
  stop(): Promise<void>;
  readonly invocations: number;
}

export function startEventSource(options: EventSourceOptions): EventSource {
  let stopped = false;
  let running = 0;
  let invocations = 0;
  let leaveAfterSuccess = options.leaveBatchesAfterSuccess ?? 0;
  const abort = new AbortController();

  const invoke = async (messages: Message[]): Promise<void> => {
    invocations += 1;
    const event: SQSEvent = { Records: messages.map((message) => toRecord(message, options)) };
    let failed: Set<string>;
    try {
      const response = await options.handler(event, options.context());
      failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      console.error(
        `[sqs] invocation failed; its ${messages.length} messages come back after the visibility timeout:`,
        error instanceof Error ? error.message : error,
      );
      return;
    }
    if (leaveAfterSuccess > 0) {
      leaveAfterSuccess -= 1;
      return;
    }
    const done = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    if (done.length === 0) return;
    await options.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
  };

  const worker = async (): Promise<void> => {
    while (!stopped) {
      let messages: Message[] = [];
      try {
        const received = await options.client.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (stopped) return;
        console.error('[sqs] receive failed:', error instanceof Error ? error.message : error);
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      if (messages.length === 0) continue;
      running += 1;
      try {
        await invoke(messages);
      } finally {
        running -= 1;
      }
    }
  };

  const workers = Array.from({ length: options.maximumConcurrency }, () => worker());

  return {
    get invocations() {
      return invocations;
    },
    async idle() {
      for (;;) {
        const { Attributes } = await options.client.send(
          new GetQueueAttributesCommand({
            QueueUrl: options.queueUrl,
            AttributeNames: [
              'ApproximateNumberOfMessages',
              'ApproximateNumberOfMessagesNotVisible',
              'ApproximateNumberOfMessagesDelayed',
            ],
          }),
        );
        const waiting =
          Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
          Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
          Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0);
        if (waiting === 0 && running === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      stopped = true;
      abort.abort();
      await Promise.allSettled(workers);
    },
  };
}

function toRecord(message: Message, options: EventSourceOptions): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? randomUUID(),
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}
