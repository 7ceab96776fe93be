import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { esbuildOptionsFor } from './infra/constructs/function-bundling.ts';
const entries: Record<string, string> = JSON.parse(process.argv[2]!);
const loader = `const s=performance.now();await import(process.argv[1]);const e=performance.now();const c=process.cpuUsage();process.stdout.write(JSON.stringify({t:e,i:e-s,c:(c.user+c.system)/1000}))`;
const files: Record<string, string> = {};
for (const [name, contents] of Object.entries(entries)) {
  const file = `/tmp/ff/parts/${name}/index.mjs`;
  await build({ ...esbuildOptionsFor('x.ts', file, { powertoolsTracer: false }), entryPoints: undefined, stdin: { contents, resolveDir: process.cwd(), sourcefile: 'x.ts', loader: 'ts' }, absWorkingDir: process.cwd() });
  files[name] = file;
}
const runs = Number(process.env.RUNS ?? 15);
const res: Record<string, { t: number[]; c: number[] }> = {};
for (let r = 0; r <= runs; r++) for (const [name, f] of Object.entries(files)) {
  const out = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '--eval', loader, f], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (out.status !== 0) throw new Error(out.stderr);
  const j = JSON.parse(out.stdout);
  if (r === 0) continue;
  (res[name] ??= { t: [], c: [] }).t.push(j.t); res[name].c.push(j.c);
}
const med = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]!; };
for (const [n, v] of Object.entries(res)) console.log(n.padEnd(14), (statSync(files[n]!).size / 1024).toFixed(1).padStart(7), 'KB', med(v.t).toFixed(1).padStart(8), 'wall', med(v.c).toFixed(1).padStart(8), 'cpu');
