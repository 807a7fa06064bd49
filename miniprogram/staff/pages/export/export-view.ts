/** 导出台账: the pure part — the nodes the caller may export at, the default range, sizes, the list. */
import type { GrantView, Role } from '../../../../typings/domain';
import type { ExportView } from '../../../../typings/export';
import { DAY, shanghaiDate, shanghaiDateTime } from '../../../shared/time';

const EXPORTERS: readonly Role[] = ['leader', 'secretary', 'staff', 'admin'];

export interface NodeChoice {
  id: string;
  /** "东关社区 / 幸福小区" */
  label: string;
}

/** The nodes the caller runs or oversees, each once, in the order of their grants. */
export function exportNodes(grants: readonly GrantView[]): NodeChoice[] {
  const seen = new Set<string>();
  return grants
    .filter((g) => EXPORTERS.includes(g.role) && !seen.has(g.orgId) && seen.add(g.orgId))
    .map((g) => ({ id: g.orgId, label: g.orgPath.length ? g.orgPath.map((r) => r.name).join(' / ') : g.orgName }));
}

/** The last 7 days, today included. */
export const defaultRange = (now: number) => ({ from: shanghaiDate(now - 6 * DAY), to: shanghaiDate(now) });

/** "12.5 KB", "3.2 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(0.1, Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

export interface ExportItem {
  id: string;
  title: string;
  orgName: string;
  range: string;
  summary: string;
  made: string;
  url: string;
}

export const exportItem = (x: ExportView): ExportItem => ({
  id: x.id,
  title: x.title,
  orgName: x.orgName,
  range: x.from === x.to ? x.from : `${x.from} 至 ${x.to}`,
  summary: `${x.rows} 行 · ${sizeText(x.bytes)}`,
  made: `${shanghaiDateTime(x.createdAt)} 生成，保留至 ${shanghaiDate(x.expiresAt)}`,
  url: x.url ?? '',
});
