import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { z } from 'zod';
import {
  type ConsultationApp,
  type ConsultationAppOptions,
  defineConsultationApp,
} from '../../infra/consultation-app.ts';

/** The part of CDK's `validation-report.json` the tests read. */
const validationReportSchema = z.object({
  pluginReports: z.array(
    z.object({
      pluginName: z.string(),
      violations: z.array(
        z.object({
          ruleName: z.string(),
          severity: z.string().optional(),
          violatingConstructs: z.array(z.object({ constructPath: z.string().optional() })),
        }),
      ),
    }),
  ),
});

export type ValidationReport = z.infer<typeof validationReportSchema>;

export interface SynthesizedStage {
  readonly app: App;
  readonly consultationApp: ConsultationApp;
  readonly assembly: CloudAssembly;
  readonly stateful: Template;
  readonly stateless: Template;
  readonly validationReport: ValidationReport;
  /** Deletes the temporary cloud assembly (bundles included). */
  readonly dispose: () => void;
}

export interface SynthesizeOptions extends ConsultationAppOptions {
  readonly stage: string;
  /** Run esbuild for every function (slow); otherwise CDK skips bundling and stages placeholders. */
  readonly bundle: boolean;
}

/**
 * Synthesizes one stage exactly as `infra/app.ts` does (cdk-nag included) into a temporary cloud
 * assembly. Under vitest CDK runs "in memory": an unacknowledged error finding throws here with the
 * whole report in the message.
 */
export function synthesizeStage(options: SynthesizeOptions): SynthesizedStage {
  const { stage, bundle, ...appOptions } = options;
  const outdir = mkdtempSync(path.join(tmpdir(), 'consultation-infra-'));
  const app = new App({
    outdir,
    context: { stage, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const consultationApp = defineConsultationApp(app, appOptions);
  const assembly = app.synth();
  const report: unknown = JSON.parse(
    readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'),
  );
  return {
    app,
    consultationApp,
    assembly,
    stateful: Template.fromStack(consultationApp.stateful),
    stateless: Template.fromStack(consultationApp.stateless),
    validationReport: validationReportSchema.parse(report),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** Every resource of a template, by logical id. */
export function resourcesOf(template: Template): Record<string, CfnResource> {
  const json = template.toJSON();
  const resources: unknown = json.Resources;
  return z
    .record(
      z.string(),
      z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() }),
    )
    .parse(resources);
}

export function resourcesOfType(template: Template, type: string): [string, Record<string, unknown>][] {
  return Object.entries(resourcesOf(template))
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}

const statementSchema = z.object({
  Action: z.union([z.string(), z.array(z.string())]).optional(),
  Resource: z.unknown().optional(),
});
const documentSchema = z.object({ Statement: z.array(statementSchema) });

export interface PolicyStatementJson {
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
}

/** Every statement of the template's IAM policies and inline role policies. */
export function policyStatements(template: Template): PolicyStatementJson[] {
  const documents = [
    ...resourcesOfType(template, 'AWS::IAM::Policy').map(([, props]) =>
      documentSchema.parse(props.PolicyDocument),
    ),
    ...resourcesOfType(template, 'AWS::IAM::Role').flatMap(
      ([, props]) =>
        z
          .array(z.object({ PolicyDocument: documentSchema }))
          .optional()
          .parse(props.Policies)
          ?.map((policy) => policy.PolicyDocument) ?? [],
    ),
  ];
  const asArray = <T>(value: T | T[] | undefined): T[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  return documents.flatMap((document) =>
    document.Statement.map((statement) => ({
      actions: asArray(statement.Action),
      resources: asArray(statement.Resource),
    })),
  );
}

/** Every Action named by the template's IAM policies and inline role policies. */
export function policyActions(template: Template): string[] {
  return policyStatements(template).flatMap((statement) => statement.actions);
}

/**
 * The full path of every API Gateway resource (`/v1/consultations/{id}`), by logical id, rebuilt
 * from each resource's PathPart and ParentId.
 */
export function apiResourcePaths(template: Template): Map<string, string> {
  const parentSchema = z.union([
    z.object({ Ref: z.string() }),
    z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('RootResourceId')]) }),
  ]);
  const resources = new Map(
    resourcesOfType(template, 'AWS::ApiGateway::Resource').map(([logicalId, props]) => [
      logicalId,
      { pathPart: z.string().parse(props.PathPart), parent: parentSchema.parse(props.ParentId) },
    ]),
  );
  const paths = new Map<string, string>();
  const pathOf = (logicalId: string): string => {
    const known = paths.get(logicalId);
    if (known !== undefined) return known;
    const resource = resources.get(logicalId);
    if (resource === undefined) throw new Error(`No API resource ${logicalId}`);
    const parentPath = 'Ref' in resource.parent ? pathOf(resource.parent.Ref) : '';
    const full = `${parentPath}/${resource.pathPart}`;
    paths.set(logicalId, full);
    return full;
  };
  for (const logicalId of resources.keys()) pathOf(logicalId);
  return paths;
}
