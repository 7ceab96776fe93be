import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * Runs a conditional write and answers whether its condition held. A failed condition is an
 * ordinary answer for the idempotent writes of this code base (already claimed, already recorded,
 * already stored), not an error; every other error is thrown as is.
 */
export async function conditionalWrite(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
