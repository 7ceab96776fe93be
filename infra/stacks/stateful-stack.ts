import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  type KeyAttribute,
  type TableDefinition,
  type TableKey,
  tableDefinitions,
  tableKeys,
} from '../../shared/adapters/dynamodb/table-definitions.ts';
import { EmailSending } from '../constructs/email-sending.ts';
import { pascalCase, recordOf } from '../naming.ts';
import type { StageConfig } from '../stage-config.ts';

export interface StatefulStackProps extends StackProps {
  readonly stageConfig: StageConfig;
}

/**
 * The data that outlives any code change: one DynamoDB table per entry of the shared table
 * definitions. Physical names are left to CloudFormation (so a key change can replace a table and
 * two stages can share an account); functions learn them through environment variables.
 *
 * The v1 `Table` (AWS::DynamoDB::Table) rather than `TableV2`: the stages need no replicas, and
 * cdk-nag's AwsSolutions-DDB3 (point-in-time recovery) only inspects the v1 resource, so the
 * synth-time check keeps guarding PITR instead of silently not applying.
 */
export class StatefulStack extends Stack {
  readonly tables: Readonly<Record<TableKey, Table>>;
  readonly email: EmailSending;
  /** Signs unsubscribe links; it lives with the data because links already sent must keep working. */
  readonly linkSigningSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stageConfig } = props;
    this.tables = recordOf(tableKeys, (key) => {
      const table = tableFromDefinition(this, key, tableDefinitions[key], stageConfig);
      new CfnOutput(this, `${pascalCase(key)}TableName`, {
        description: tableDefinitions[key].purpose,
        value: table.tableName,
      });
      return table;
    });
    this.linkSigningSecret = new Secret(this, 'LinkSigningSecret', {
      description: 'HMAC key of the unsubscribe links in reminder emails',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: stageConfig.removalPolicy,
    });
    Validations.of(this.linkSigningSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating this key would invalidate the unsubscribe link of every reminder already sent, which RFC 8058 one-click unsubscribe must keep honouring; it is read only by the functions that sign or check links.',
    });

    const { site } = stageConfig;
    this.email = new EmailSending(this, 'Email', {
      namePrefix: stageConfig.resourcePrefix,
      senderDomain: site.senderDomain,
      removalPolicy: stageConfig.removalPolicy,
    });
    new CfnOutput(this, 'SesToVerify', {
      description: 'What SES needs before the engine can send email',
      value:
        `Add the three DKIM CNAME records (outputs SesDkimRecord1-3) to the DNS of ${site.senderDomain}; ` +
        `SES then verifies the domain identity by itself. In ${site.region}, leave the SES sandbox (request ` +
        `production access) before the first reminder wave, and confirm the alarm subscription sent to ${site.alarmEmail}.`,
    });
    this.email.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `SesDkimRecord${index + 1}`, {
        description: `DKIM record ${index + 1} of 3 for ${site.senderDomain}: name CNAME value`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(this, 'EmailConfigurationSetName', {
      description: 'SES configuration set every email is sent with',
      value: this.email.configurationSet.configurationSetName,
    });
  }
}

function tableFromDefinition(
  scope: Construct,
  key: TableKey,
  definition: TableDefinition,
  stageConfig: StageConfig,
): Table {
  const table = new Table(scope, `${pascalCase(key)}Table`, {
    partitionKey: attribute(definition.partitionKey),
    sortKey: definition.sortKey === undefined ? undefined : attribute(definition.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.AWS_MANAGED,
    timeToLiveAttribute: definition.timeToLiveAttribute,
    removalPolicy: stageConfig.removalPolicy,
    deletionProtection: stageConfig.deletionProtection,
  });
  for (const index of definition.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: index.sortKey === undefined ? undefined : attribute(index.sortKey),
      projectionType: index.projection === 'keys-only' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
    });
  }
  return table;
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}
