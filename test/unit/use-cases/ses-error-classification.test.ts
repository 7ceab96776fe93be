import { describe, expect, it } from 'vitest';
import { classifySesError } from '../../../shared/adapters/ses/ses-mailer.ts';

const answered = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('what an SES error means for the email', () => {
  it('tells a refusal SES answered from a call whose outcome is unknown', () => {
    expect(classifySesError(answered('TooManyRequestsException', 429))).toBe('throttled');
    expect(classifySesError(answered('LimitExceededException', 400))).toBe('throttled');
    expect(classifySesError(answered('InternalFailure', 500))).toBe('refused');
    expect(classifySesError(answered('SendingPausedException', 400))).toBe('refused');
    expect(classifySesError(answered('MessageRejected', 400))).toBe('rejected');
    expect(classifySesError(answered('BadRequestException', 400))).toBe('rejected');
    // No answer at all: a reset connection, a timeout. SES may have the email.
    expect(classifySesError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      'unknown-outcome',
    );
    expect(classifySesError(new Error('TimeoutError'))).toBe('unknown-outcome');
  });
});
