import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/get-audit.ts';
import { lambdaContextFor, toProxyEvent } from '../../../local/api-gateway/proxy-event.ts';
import type { CalendarChangedEntry } from '../../../shared/domain/audit-entry.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { responseBodyBudgetBytes } from '../../../shared/http/response-budget.ts';
import {
  inMemoryAuditTrail,
  inMemoryConsultations,
  inMemoryLedger,
  settableClock,
} from '../../support/in-memory-ports.ts';

const secretariat = 'arn:aws:iam::000000000000:user/secretariat';

function auditRequest(query: string) {
  return toProxyEvent(
    {
      method: 'GET',
      url: `/v1/admin/consultations/${wsisForum2022.id}/audit${query}`,
      rawHeaders: [],
      body: Buffer.alloc(0),
      sourceIp: '127.0.0.1',
    },
    {
      resource: '/v1/admin/consultations/{id}/audit',
      pathParameters: { id: wsisForum2022.id },
      stage: 'test',
      accountId: '000000000000',
      apiId: 'test',
      receivedAt: new Date('2022-03-01T00:00:00Z'),
      caller: {
        accessKey: 'AKIATEST',
        accountId: '000000000000',
        caller: 'AIDATEST',
        user: 'AIDATEST',
        userArn: secretariat,
      },
    },
  );
}

/** A date change with a reason of the longest length the trail takes (1,000 characters). */
function dateChange(index: number): CalendarChangedEntry {
  const at = new Date(Date.UTC(2022, 0, 1) + index * 1000).toISOString();
  return {
    kind: 'calendar-changed',
    at,
    actor: secretariat,
    reason: `Change ${index}: "${'x'.repeat(980)}"`,
    version: index + 2,
    changes: [{ field: 'calls.photo-contest.closesAt', from: at, to: at }],
  };
}

describe('the audit CSV and Lambda’s response limit', () => {
  const context: Context = lambdaContextFor('get-audit', 'invocation-1', 'eu-central-1', '0');

  async function handlerWith(entries: number) {
    const auditTrail = inMemoryAuditTrail(inMemoryLedger());
    for (let index = 0; index < entries; index += 1) {
      await auditTrail.record(wsisForum2022.id, `change-${index}`, dateChange(index));
    }
    return createHandler({
      clock: settableClock('2022-03-01T00:00:00Z'),
      config: {
        tableNames: { consultations: 't', submissions: 't', subscriptions: 't', deliveries: 't' },
        calendarUidDomain: 'consultations.test',
      },
      consultations: inMemoryConsultations(wsisForum2022),
      auditTrail,
    });
  }

  it('answers a CSV that fits, and refuses one that does not with a problem that says how to narrow it', async () => {
    const small = await (await handlerWith(10))(auditRequest('?format=csv'), context);
    expect(small.statusCode).toBe(200);
    expect(small.body.startsWith('\uFEFFat,kind,actor,subject,before,after,reason\r\n')).toBe(true);

    // Each row holds a 1,000-character reason whose quotes are doubled in CSV and escaped again in
    // the proxy response: 6,000 rows pass 6,000,000 bytes.
    const large = await (await handlerWith(6000))(auditRequest('?format=csv'), context);
    expect(large.statusCode).toBe(422);
    expect(large.headers?.['Content-Type'] ?? large.headers?.['content-type']).toBe(
      'application/problem+json',
    );
    const problem = JSON.parse(large.body) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: '/problems/export-too-large',
      rowCount: 6000,
      limitBytes: responseBodyBudgetBytes,
    });
    expect(problem.encodedBytes).toBeGreaterThan(responseBodyBudgetBytes);
    expect(String(problem.detail)).toContain('since/until');

    // The JSON pages are unaffected: the same trail reads page by page.
    const page = await (await handlerWith(6000))(auditRequest('?limit=1000'), context);
    expect(page.statusCode).toBe(200);
    expect((JSON.parse(page.body) as { entries: unknown[] }).entries).toHaveLength(1000);
  }, 60_000);
});
