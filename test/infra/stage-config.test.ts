import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalGreaterThanPattern } from '../../infra/constructs/api-firewall.ts';
import { gatewayProblems, gatewayProblemTemplate } from '../../infra/constructs/problem-gateway-responses.ts';
import {
  exampleSiteSettings,
  requiredSiteSettings,
  type SiteSettings,
  siteSettingsContextKey,
  stageConfigFor,
  stageConfigs,
} from '../../infra/stage-config.ts';

const realProdSite = {
  account: '210987654321',
  senderDomain: 'consultations.wsis.test',
  fromAddress: 'no-reply@consultations.wsis.test',
  replyTo: 'wsis-info@itu.int',
  alarmEmail: 'ops@wsis.test',
  webOrigin: 'https://forms.wsis.test',
  publicBaseUrl: 'https://consultations.wsis.test',
} satisfies Partial<SiteSettings>;

const context =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('stage config from CDK context', () => {
  it('synthesizes each stage offline from the committed example values', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const config = stageConfigFor(context({ stage }));
      expect(config).toEqual({ ...stageConfigs[stage], site: exampleSiteSettings[stage] });
    }
  });

  it('takes the site values from the stage context object, over the examples', () => {
    const config = stageConfigFor(
      context({ stage: 'prod', [siteSettingsContextKey('prod')]: { ...realProdSite, region: 'eu-west-1' } }),
    );
    expect(config.site).toEqual({ ...exampleSiteSettings.prod, ...realProdSite, region: 'eu-west-1' });
    expect(config.removalPolicy).toBe(stageConfigs.prod.removalPolicy);
  });

  it('takes single values from -c <key>.<name>=..., and a JSON string for the object', () => {
    const key = siteSettingsContextKey('dev');
    const config = stageConfigFor(
      context({
        stage: 'dev',
        [key]: JSON.stringify({ alarmEmail: 'dev-ops@wsis.test' }),
        [`${key}.webOrigin`]: 'http://localhost:5173'.replace('http:', 'https:'),
      }),
    );
    expect(config.site.alarmEmail).toBe('dev-ops@wsis.test');
    expect(config.site.webOrigin).toBe('https://localhost:5173');
  });

  it('stops a deploy that lacks site values, naming each one and where to set it', () => {
    expect(() => stageConfigFor(context({ stage: 'prod', deploy: 'true' }))).toThrow(
      new RegExp(
        `Stage prod cannot be deployed: ${requiredSiteSettings.join(', ')} are not set.*"consultation-engine:prod"`,
      ),
    );
    const { alarmEmail: _missing, ...withoutAlarmEmail } = realProdSite;
    expect(() =>
      stageConfigFor(
        context({ stage: 'prod', deploy: true, [siteSettingsContextKey('prod')]: withoutAlarmEmail }),
      ),
    ).toThrow(/Stage prod cannot be deployed: alarmEmail is not set/);
  });

  it('accepts a deploy with every site value set, and refuses one that keeps an example domain', () => {
    const key = siteSettingsContextKey('prod');
    expect(
      stageConfigFor(context({ stage: 'prod', deploy: 'true', [key]: realProdSite })).site,
    ).toMatchObject(realProdSite);
    expect(() =>
      stageConfigFor(
        context({ stage: 'prod', deploy: 'true', [key]: { ...realProdSite, alarmEmail: 'ops@example.org' } }),
      ),
    ).toThrow(/alarmEmail still name a reserved example domain/);
  });

  it('refuses malformed values with their names, unknown names, and a sender outside the sender domain', () => {
    const key = siteSettingsContextKey('prod');
    expect(() =>
      stageConfigFor(
        context({ stage: 'prod', [key]: { alarmEmail: 'not an address', webOrigin: 'http://x.test' } }),
      ),
    ).toThrow(/alarmEmail: .*webOrigin: /s);
    expect(() => stageConfigFor(context({ stage: 'prod', [key]: { alarmMail: 'ops@wsis.test' } }))).toThrow(
      /alarmMail/,
    );
    expect(() =>
      stageConfigFor(
        context({ stage: 'prod', [key]: { ...realProdSite, fromAddress: 'no-reply@other.test' } }),
      ),
    ).toThrow(/fromAddress no-reply@other.test is not at senderDomain consultations.wsis.test/);
    for (const publicBaseUrl of ['http://consultations.wsis.test', 'https://consultations.wsis.test/']) {
      expect(() =>
        stageConfigFor(context({ stage: 'prod', [key]: { ...realProdSite, publicBaseUrl } })),
      ).toThrow(/publicBaseUrl: /);
    }
    expect(() => stageConfigFor(context({ stage: 'qa' }))).toThrow(/Unknown stage "qa"/);
  });
});

describe('WAF body size pattern', () => {
  it('matches exactly the decimal numbers above the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        (limit, n) => {
          const pattern = new RegExp(decimalGreaterThanPattern(limit));
          expect(pattern.test(String(n))).toBe(n > limit);
        },
      ),
      { numRuns: 2000 },
    );
    const handlersCap = new RegExp(decimalGreaterThanPattern(262_144));
    for (const [value, above] of [
      ['262144', false],
      ['262145', true],
      ['99999', false],
      ['1000000', true],
      ['', false],
      ['26214a', false],
    ] as const) {
      expect(handlersCap.test(value)).toBe(above);
    }
  });

  it('stays within WAF’s 200-character limit for a regular expression', () => {
    expect(decimalGreaterThanPattern(262_144).length).toBeLessThanOrEqual(200);
  });
});

describe('gateway problem templates', () => {
  it('render as JSON problem documents once API Gateway fills in its variables', () => {
    for (const problem of gatewayProblems) {
      const rendered: unknown = JSON.parse(
        gatewayProblemTemplate(problem)
          .replace('$context.error.messageString', JSON.stringify('Message with "quotes"'))
          .replace('$context.requestId', 'f00'),
      );
      expect(rendered).toEqual({
        type: problem.problemType ?? 'about:blank',
        title: problem.title,
        ...(problem.status === undefined ? {} : { status: problem.status }),
        detail: problem.detail ?? 'Message with "quotes"',
        requestId: 'f00',
      });
    }
  });
});
