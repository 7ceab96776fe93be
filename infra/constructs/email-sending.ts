import type { RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EncryptedTopic } from './encrypted-topic.ts';

export interface EmailSendingProps {
  /** Prefix of the configuration set's name. */
  readonly namePrefix: string;
  readonly senderDomain: string;
  readonly removalPolicy: RemovalPolicy;
}

/** What SES reports to the delivery-events topic: what a later handler acts on (suppress, alert). */
export const reportedEmailEvents = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.RENDERING_FAILURE,
] as const;

/**
 * How the engine sends email: the sender domain as an SES identity (Easy DKIM; its three CNAME
 * records are stack outputs to add to DNS), and a configuration set that every send names. The set
 * publishes reputation metrics (the bounce and complaint alarms read them), keeps the account-level
 * suppression list for bounces and complaints, requires TLS to the receiving server, and reports
 * bounces, complaints, rejects and rendering failures to an encrypted SNS topic. Who reads that topic
 * (a queue and a handler that suppresses subscribers) is built by the email issue; until then the
 * topic has no subscriber and SES's suppression list already stops repeat sends to bad addresses.
 */
export class EmailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly deliveryEvents: ITopic;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `${props.namePrefix}-email`,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    const events = new EncryptedTopic(this, 'DeliveryEvents', {
      displayName: 'Email bounces and complaints',
      description: 'SES bounce, complaint, reject and rendering-failure events of the configuration set',
      publishers: [new ServicePrincipal('ses.amazonaws.com')],
      removalPolicy: props.removalPolicy,
    });
    this.deliveryEvents = events.topic;
    this.configurationSet.addEventDestination('DeliveryEventsToTopic', {
      destination: EventDestination.snsTopic(events.topic),
      events: [...reportedEmailEvents],
    });
    this.identity = new EmailIdentity(this, 'SenderDomain', {
      identity: Identity.domain(props.senderDomain),
      configurationSet: this.configurationSet,
    });
    // DKIM tokens are regenerated with a new identity: keeping it spares a DNS change in prod.
    this.identity.applyRemovalPolicy(props.removalPolicy);
  }
}
