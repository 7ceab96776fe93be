import { build } from 'esbuild';
import { functionManifest } from './functions/manifest.ts';
import { esbuildOptionsFor } from './infra/constructs/function-bundling.ts';
for (const d of functionManifest) {
  const r = await build({ ...esbuildOptionsFor(d.entry, `/tmp/ff/mf/${d.name}/index.mjs`, { powertoolsTracer: false }), absWorkingDir: process.cwd(), metafile: true, write: false });
  const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint)!;
  const ins = Object.keys(out.inputs).filter((i) => i.startsWith('shared/contracts') || i.startsWith('shared/domain/country') || i.includes('consultation-definition') || i.includes('submission-content'));
  console.log(d.name.padEnd(36), (out.bytes / 1024).toFixed(1), ins.map((i) => i.replace(/^shared\/(contracts\/)?/, '')).join(' '));
}
