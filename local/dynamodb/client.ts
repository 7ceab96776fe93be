import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * An SDK client for a local DynamoDB stand-in (dynalite or DynamoDB Local). Fixed dummy
 * credentials and region, so nothing is read from the environment or a profile; both stand-ins
 * accept any signature.
 */
export function createLocalDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** `http://host:port`, with an IPv6 host in brackets. */
export function httpEndpoint(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
