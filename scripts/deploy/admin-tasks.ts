/** What `npm run org-import`, `bootstrap-admin`, `rotate-pass-key` and `rewrap-pass-keys` do, given where to write: kept apart from argv and exit codes so tests run them. */
import { readFileSync } from 'node:fs';
import { CLAIM_TTL_MS, newAdminClaim, storeAdminClaim } from '../../server/account/claim';
import { importTree } from '../../server/org/import';
import type { KekSetting } from '../../server/core/kek';
import { ensureActiveKey, RETIRED_KEY_TRUST_MS, rewrapPassKeys, rotateKey } from '../../server/pass/keys';
import type { Store } from '../../server/store/port';

/** Reads a tree file (JSON, see docs/district.example.json) and imports it. */
export async function orgImport(store: Store, file: string, print: (line: string) => void) {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`读不了 ${file}：${(err as Error).message}`, { cause: err });
  }
  const r = await importTree(store, input);
  print(`新增 ${r.orgs} 个节点、${r.gates} 个门岗${r.updated ? `，${r.updated} 个已有节点的下级数已更新` : ''}。`);
  return r;
}

/** Stores a fresh one-time code for the district's first admin and prints it with how to use it. */
export async function bootstrapAdmin(store: Store, districtId: string, opts: { now: number; hours?: number; print: (line: string) => void }) {
  const district = districtId ? await store.get('orgs', districtId) : null;
  if (!district || district.level !== 'district') {
    throw new Error(`找不到区「${districtId}」：先用 npm run org-import 导入组织架构，再用区的 id（如 sz）生成激活码。`);
  }
  const hours = opts.hours ?? CLAIM_TTL_MS / 3_600_000;
  if (!Number.isInteger(hours) || hours < 1 || hours > 168) throw new Error('--hours 应为 1 到 168 之间的整数');
  const { code, doc } = newAdminClaim(district._id, opts.now, hours * 3_600_000);
  await storeAdminClaim(store, doc);
  opts.print(`激活码：${code}`);
  opts.print(
    `把它交给「${district.name}」的第一位管理员：在小程序里打开 注册 → 有邀请码或激活码？，输入激活码。${hours} 小时内有效，只能使用一次；再生成一次，这一个即作废。`,
  );
  return { code, districtId: district._id };
}

/** Makes a new pass signing key active; the old one keeps verifying the passes it signed for 90 days. */
export async function rotatePassKey(store: Store, opts: { now: number; keks: KekSetting; print: (line: string) => void }) {
  const before = { _id: await ensureActiveKey(store, opts.now, opts.keks) };
  const key = await rotateKey(store, opts.now, opts.keks);
  const until = new Date(opts.now + RETIRED_KEY_TRUST_MS + 8 * 3_600_000).toISOString().slice(0, 10);
  opts.print(
    `通行证签名密钥已轮换：${before._id} → ${key._id}。${before._id} 签发的通行证在 ${until} 前仍可核验；门岗手机联网时自动取得新公钥，新签发的通行证用 ${key._id}。`,
  );
  return { from: before._id, to: key._id };
}

/**
 * Reseals every stored pass signing seed under the current KEK (the first of LF_PASS_KEKS), seals
 * any left in plain and drops the seeds of retired keys; after it, older KEKs can be removed.
 */
export async function rewrapKeys(store: Store, opts: { keks: KekSetting; print: (line: string) => void }) {
  const r = await rewrapPassKeys(store, opts.keks);
  const current = opts.keks.ok ? opts.keks.ring.current : '';
  opts.print(
    `通行证签名密钥已用「${current}」重新加密：${r.resealed.length ? r.resealed.join('、') : '无需重新加密'}` +
      `${r.current.length ? `（${r.current.join('、')} 已是）` : ''}${r.dropped.length ? `；已停用密钥 ${r.dropped.join('、')} 的私钥已删除` : ''}。` +
      `现在可以从 LF_PASS_KEKS 中去掉其余的 KEK。`,
  );
  return r;
}
