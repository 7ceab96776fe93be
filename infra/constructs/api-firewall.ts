import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiFirewallProps {
  /** Prefix of the web ACL's name and metric names. */
  readonly namePrefix: string;
  /** The REST API stage the web ACL protects. */
  readonly stage: Stage;
  /** Requests one client IP may send in any 5-minute window. */
  readonly requestsPerIpPer5Minutes: number;
  /** Largest body, in bytes, a request may declare in Content-Length (the handlers' cap). */
  readonly maxBodyBytes: number;
}

/** Names of the web ACL's rules, in evaluation order. */
export const firewallRuleNames = {
  rateLimit: 'RequestsPerClientIp',
  bodySize: 'DeclaredBodyTooLarge',
  commonRuleSet: 'AwsManagedCommonRuleSet',
} as const;

/**
 * `^(...)$` matching exactly the decimal numbers greater than `limit` (no leading zeros): a longer
 * number, or one of the same length that is greater at its first differing digit. WAF cannot compare
 * a header numerically, but it can match a regular expression.
 */
export function decimalGreaterThanPattern(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`Not a size: ${limit}`);
  const digits = String(limit);
  const alternatives = [`[1-9]\\d{${digits.length},}`];
  for (let index = 0; index < digits.length; index++) {
    const digit = Number(digits[index]);
    if (digit === 9) continue;
    const rest = digits.length - index - 1;
    const higher = digit === 8 ? '9' : `[${digit + 1}-9]`;
    alternatives.push(`${digits.slice(0, index)}${higher}${rest === 0 ? '' : `\\d{${rest}}`}`);
  }
  return `^(${alternatives.join('|')})$`;
}

function problemBody(status: number, title: string, detail: string): string {
  return JSON.stringify({ type: 'about:blank', title, status, detail });
}

/**
 * The regional WAF web ACL in front of the REST API stage:
 * 1. a rate-based rule per client IP (429 with a problem document);
 * 2. a size rule refusing a declared body above the handlers' cap (413) before any Lambda runs —
 *    API Gateway's own limit is 10 MB; a chunked body without Content-Length still meets the
 *    handlers' 256 KB check;
 * 3. AWS's managed common rule set (OWASP-style XSS, bad inputs, bad bots), with its
 *    SizeRestrictions_BODY rule only counted: it blocks every body above 8 KB, which would refuse long
 *    submissions the API accepts (WAF inspects the first 8 KB of a body either way).
 * WAF writes its own responses as `application/json` (its custom responses cannot name another media
 * type); the body is still an RFC 9457 problem document. Blocks by the managed rules reach the client
 * through API Gateway's WAF_FILTERED response, which is `application/problem+json`.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.namePrefix}-${name}`,
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${props.namePrefix}-api`,
      description: 'Consultation engine API: per-IP rate limit, body size limit, AWS common rule set',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('api'),
      customResponseBodies: {
        tooManyRequests: {
          contentType: 'APPLICATION_JSON',
          content: problemBody(
            429,
            'Too Many Requests',
            'Too many requests from your network in the last 5 minutes; wait a few minutes and retry.',
          ),
        },
        contentTooLarge: {
          contentType: 'APPLICATION_JSON',
          content: problemBody(
            413,
            'Content Too Large',
            `The body may not exceed ${props.maxBodyBytes} bytes.`,
          ),
        },
      },
      rules: [
        {
          name: firewallRuleNames.rateLimit,
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          action: {
            block: { customResponse: { responseCode: 429, customResponseBodyKey: 'tooManyRequests' } },
          },
          visibilityConfig: metric(firewallRuleNames.rateLimit),
        },
        {
          name: firewallRuleNames.bodySize,
          priority: 1,
          statement: {
            regexMatchStatement: {
              fieldToMatch: { singleHeader: { Name: 'content-length' } },
              regexString: decimalGreaterThanPattern(props.maxBodyBytes),
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          action: {
            block: { customResponse: { responseCode: 413, customResponseBodyKey: 'contentTooLarge' } },
          },
          visibilityConfig: metric(firewallRuleNames.bodySize),
        },
        {
          name: firewallRuleNames.commonRuleSet,
          priority: 2,
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          overrideAction: { none: {} },
          visibilityConfig: metric(firewallRuleNames.commonRuleSet),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
