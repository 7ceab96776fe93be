import type { CallerIdentity } from './http-handler.ts';
import { problems } from './problem.ts';

/**
 * The principal an admin action is recorded under. API Gateway only invokes an IAM route after
 * verifying the signature, and then always fills in the caller's ARN; a request without one never
 * came through that door, so it is refused rather than recorded as nobody.
 */
export function adminActor(caller: CallerIdentity | null): string {
  if (caller === null) throw problems.missingAuthentication();
  return caller.userArn;
}
