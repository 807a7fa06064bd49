/**
 * A script that exits explicitly (scripts/exit.ts) leaves only once its output has gone out: read
 * through a pipe whose reader is slow — as a busy test runner or `| less` reads — a long report
 * arrives whole, and so does its error on stderr.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LINE = '集合 dutyDays：已创建，创建索引 lf_day, lf_openid__day'.padEnd(100, '。');
const LINES = 3000; // ~300 KB: far past a pipe's 64 KB

/** Runs `code` under tsx, reading its stdout and stderr only after a pause. */
function runSlowlyRead(code: string): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    child.stderr.pause();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => out.push(b)).resume();
      child.stderr.on('data', (b: Buffer) => err.push(b)).resume();
    }, 1500);
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString() }));
  });
}

const script = (fail: boolean) => `
  const { runMain } = require('./scripts/deploy/run');
  runMain(async () => {
    setInterval(() => undefined, 1000); // an SDK's socket that never closes
    for (let i = 0; i < ${LINES}; i++) { console.log(${JSON.stringify(LINE)}); console.error(${JSON.stringify(LINE)}); }
    ${fail ? "throw new Error('部署失败：请检查网络');" : ''}
  });
`;

jest.setTimeout(30_000);

test('a long report reaches a slow reader whole, and the script still exits', async () => {
  const r = await runSlowlyRead(script(false));
  expect(r.status).toBe(0);
  expect(r.out.split('\n').filter((l) => l === LINE)).toHaveLength(LINES);
  expect(r.err.split('\n').filter((l) => l === LINE)).toHaveLength(LINES);
});

test('a failure is said last, after all that came before, and exits 1', async () => {
  const r = await runSlowlyRead(script(true));
  expect(r.status).toBe(1);
  expect(r.out.split('\n').filter((l) => l === LINE)).toHaveLength(LINES);
  expect(r.err.trim().split('\n').at(-1)).toBe('部署失败：请检查网络');
});
