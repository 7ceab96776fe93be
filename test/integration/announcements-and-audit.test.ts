import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAnnouncementRepository } from '../../shared/adapters/dynamodb/announcement-repository.ts';
import { createDynamoDbAuditTrail } from '../../shared/adapters/dynamodb/audit-trail.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbWaveLog } from '../../shared/adapters/dynamodb/wave-log.ts';
import type { Announcement } from '../../shared/domain/announcement.ts';
import type { AuditEntry } from '../../shared/domain/audit-entry.ts';
import type { AnnouncementRepository } from '../../shared/ports/announcement-repository.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import type { WaveLog } from '../../shared/ports/wave-log.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

const announcement: Announcement = {
  consultationId: 'wsis-forum-2022',
  id: '0123456789abcdef',
  subject: { en: 'Phase II opens', ar: 'تبدأ المرحلة الثانية' },
  text: { en: 'Dear stakeholders,\n\nPhase II opens on 8 March.' },
  reason: 'Opening',
  createdAt: '2022-03-01T12:00:00.000Z',
  createdBy: 'arn:aws:iam::000000000000:user/local-secretariat',
  requestSha256: 'a'.repeat(64),
};

function extensionAt(at: string, reason: string): AuditEntry {
  return {
    kind: 'extension-granted',
    at,
    actor: 'arn:aws:iam::000000000000:user/local-secretariat',
    reason,
    call: 'photo-contest',
    grantee: { kind: 'organization', organization: 'Ministry of Digital Economy' },
    until: '2022-03-31T13:00:00.000Z',
  };
}

describe.each(dynamoDbTargets)('announcements, audit ranges and wave status on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let announcements: AnnouncementRepository;
  let trail: AuditTrail;
  let waveLog: WaveLog;

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    announcements = createDynamoDbAnnouncementRepository(documents, database.tableNames.consultations);
    trail = createDynamoDbAuditTrail(documents, database.tableNames.consultations);
    waveLog = createDynamoDbWaveLog(documents, database.tableNames.deliveries);
  });
  afterAll(() => database?.close());

  it('stores an announcement once: a second create answers the first, texts and all', async () => {
    expect(await announcements.create(announcement)).toEqual({ outcome: 'created' });
    const again = await announcements.create({ ...announcement, createdAt: '2022-03-01T12:05:00.000Z' });
    expect(again).toEqual({ outcome: 'exists', existing: announcement });
    await announcements.markStartScheduled(
      'wsis-forum-2022',
      announcement.id,
      new Date('2022-03-01T12:00:01Z'),
    );
    await announcements.markStartScheduled(
      'wsis-forum-2022',
      announcement.id,
      new Date('2022-03-01T13:00:00Z'),
    );
    expect(await announcements.find('wsis-forum-2022', announcement.id)).toEqual({
      ...announcement,
      startScheduledAt: '2022-03-01T12:00:01.000Z',
    });
    expect(await announcements.find('another-consultation', announcement.id)).toBeUndefined();
  });

  it('reads a time range of the trail with the key condition: since inclusive, until exclusive, after strict', async () => {
    const instants = ['2022-03-01T10:00:00.000Z', '2022-03-02T10:00:00.000Z', '2022-03-03T10:00:00.000Z'];
    for (const [index, at] of instants.entries()) {
      await trail.record('range-test', `extension#${index}`, extensionAt(at, `Entry ${index}`));
    }
    const read = async (range: Parameters<AuditTrail['entries']>[1]) => {
      const found: { at: string; position: string }[] = [];
      for await (const { entry, position } of trail.entries('range-test', range)) {
        found.push({ at: entry.at, position });
      }
      return found;
    };
    const all = await read({});
    expect(all.map((item) => item.at)).toEqual(instants);
    expect(
      (await read({ since: new Date(instants[1] ?? ''), until: new Date(instants[2] ?? '') })).map(
        (item) => item.at,
      ),
    ).toEqual([instants[1]]);
    expect((await read({ after: all[0]?.position ?? '' })).map((item) => item.at)).toEqual(instants.slice(1));
    expect((await read({ until: new Date('2022-03-01T00:00:00Z') })).map((item) => item.at)).toEqual([]);
    expect(await trail.list('range-test')).toHaveLength(3);
  });

  it('tells a wave not begun from one fanning out and one queued', async () => {
    const wave = { consultationId: 'wsis-forum-2022', waveId: 'announcement-0123456789abcdef' };
    expect(await waveLog.find(wave)).toBeUndefined();
    const at = new Date('2022-03-01T12:00:00Z');
    await waveLog.begin(wave, 'announcement', at, new Date(at.getTime() + 60_000));
    await waveLog.saveProgress(wave, { sourceIndex: 0, cursor: 'x', queuedRecipients: 25 }, at);
    expect(await waveLog.find(wave)).toEqual({ status: 'fanning-out', queuedRecipients: 25 });
    await waveLog.complete(wave, { sourceIndex: 1, queuedRecipients: 40 }, at);
    expect(await waveLog.find(wave)).toEqual({ status: 'queued', queuedRecipients: 40 });
  });
});
