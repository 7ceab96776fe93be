import { describe, expect, it } from 'vitest';
import type { Call } from '../../../shared/domain/consultation-definition.ts';
import {
  type Extension,
  granteeKey,
  granteeKeysOf,
  writeWindowAt,
} from '../../../shared/domain/extension.ts';

const call: Call = {
  kind: 'photo-contest',
  title: { en: 'WSIS 2022 Photo Contest' },
  opensAt: '2021-08-19T12:00:00Z',
  closesAt: '2022-03-07T13:00:00Z',
};

const extension = (until: string, call: Extension['call'] = 'photo-contest'): Extension => ({
  call,
  grantee: { kind: 'email', email: 'amina.diallo@example.org' },
  until,
  reason: 'Photo lost in transit',
  grantedAt: '2022-03-06T09:00:00Z',
  grantedBy: 'arn:aws:iam::000000000000:user/secretariat',
});

describe('write window with extensions', () => {
  it('follows the call alone when there is no extension: [opensAt, closesAt)', () => {
    expect(writeWindowAt(call, new Date('2021-08-19T11:59:59.999Z'), [])).toEqual({
      status: 'not-open',
      opensAt: call.opensAt,
    });
    expect(writeWindowAt(call, new Date('2021-08-19T12:00:00Z'), [])).toMatchObject({ status: 'open' });
    expect(writeWindowAt(call, new Date('2022-03-07T12:59:59.999Z'), [])).toMatchObject({ status: 'open' });
    expect(writeWindowAt(call, new Date('2022-03-07T13:00:00Z'), [])).toEqual({
      status: 'closed',
      closedAt: call.closesAt,
    });
  });

  it('keeps the call open for the grantee until the latest extension of that call, half-open', () => {
    const extensions = [extension('2022-03-09T13:00:00Z'), extension('2022-03-11T13:00:00Z')];
    expect(writeWindowAt(call, new Date('2022-03-11T12:59:59Z'), extensions)).toMatchObject({
      status: 'open',
      until: '2022-03-11T13:00:00Z',
    });
    expect(writeWindowAt(call, new Date('2022-03-11T13:00:00Z'), extensions)).toEqual({
      status: 'closed',
      closedAt: '2022-03-11T13:00:00Z',
    });
  });

  it('ignores extensions of other calls, extensions earlier than the deadline, and never opens early', () => {
    expect(
      writeWindowAt(call, new Date('2022-03-08T00:00:00Z'), [
        extension('2022-03-11T13:00:00Z', 'workshop-request'),
      ]),
    ).toMatchObject({ status: 'closed' });
    expect(
      writeWindowAt(call, new Date('2022-03-06T00:00:00Z'), [extension('2022-03-01T00:00:00Z')]),
    ).toMatchObject({
      status: 'open',
      until: call.closesAt,
    });
    expect(
      writeWindowAt(call, new Date('2021-08-01T00:00:00Z'), [extension('2022-03-11T13:00:00Z')]),
    ).toMatchObject({
      status: 'not-open',
    });
  });

  it('matches grantees by email regardless of case and by organization regardless of case and spacing', () => {
    const [byEmail, byOrganization] = granteeKeysOf({
      email: 'Amina.Diallo@Example.org',
      organization: ' Ministry of  Digital Economy ',
    });
    expect(byEmail).toBe(granteeKey({ kind: 'email', email: 'amina.diallo@example.org' }));
    expect(byOrganization).toBe(
      granteeKey({ kind: 'organization', organization: 'ministry of digital economy' }),
    );
  });
});
