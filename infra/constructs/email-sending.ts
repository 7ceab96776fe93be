import type { RemovalPolicy } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailSendingProps {
  /** Prefix of the configuration set's name. */
  readonly namePrefix: string;
  readonly senderDomain: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * What SES publishes to EventBridge: what the `record-email-events` function acts on. Sends settle
 * an unknown outcome (a lost SendEmail answer) as sent; bounces and complaints suppress the address.
 */
export const reportedEmailEvents = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
] as const;

/** The `detail-type` of those events on the default bus (`source: aws.ses`). */
export const sesEventDetailTypes = ['Email Sent', 'Email Bounced', 'Email Complaint Received'] as const;

/**
 * How the engine sends email: the sender domain as an SES identity (Easy DKIM; its three CNAME
 * records are stack outputs to add to DNS), and a configuration set that every send names. The set
 * publishes reputation metrics (the bounce and complaint alarms read them), keeps the account-level
 * suppression list for bounces and complaints, requires TLS to the receiving server, and publishes
 * sends, bounces and complaints to the default EventBridge bus, where a rule of the stateless stack
 * hands them to the `record-email-events` function (the engine's own suppression list and the
 * wave figures). That is the one event path: no SNS topic, which nothing would read.
 */
export class EmailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `${props.namePrefix}-email`,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('DeliveryEventsToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
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
