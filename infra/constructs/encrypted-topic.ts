import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type IPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface EncryptedTopicProps {
  readonly displayName: string;
  readonly description: string;
  /** AWS services that publish to the topic and so must use its key (SES, CloudWatch). */
  readonly publishers: readonly IPrincipal[];
  readonly removalPolicy: RemovalPolicy;
}

/**
 * An SNS topic encrypted with a key of its own, HTTPS-only. A customer managed key because the AWS
 * managed `aws/sns` key cannot be shared with the services that publish here: the key policy lets
 * exactly those services encrypt for the topic. Messages carry personal data (bounced addresses), so
 * encryption at rest is not optional.
 */
export class EncryptedTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Encrypts the SNS topic: ${props.description}`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: props.removalPolicy,
    });
    this.topic = new Topic(this, 'Topic', {
      displayName: props.displayName,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.publishers.length > 0) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          principals: [...props.publishers],
          resources: ['*'],
        }),
      );
    }
  }
}
