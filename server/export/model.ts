import { createHash } from 'node:crypto';
import type { ExportView } from '../../typings/export';
import type { Role } from '../../typings/domain';

/** An export: the audit record of who exported what when (ARCHITECTURE §5h), and where its file is. */
export type ExportDoc = Omit<ExportView, 'id' | 'url' | 'urlSeconds'> & {
  /** `x` + hash of the maker and their request id: a retried export is the same one. */
  _id: string;
  _v?: number;
  openid: string;
  /** The maker's highest role over the node. */
  role: Role;
  /** Names shown in full (the maker runs or oversees the node) or masked. */
  fullNames: boolean;
  fileId: string;
};

declare module '../store/port' {
  interface Collections {
    exports: ExportDoc;
  }
}

export const exportId = (openid: string, requestId: string) => `x${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)}`;

/** How long a file and its record are kept. */
export const KEEP_DAYS = 7;
/** How long a handed-out link works, seconds. */
export const URL_SECONDS = 600;
/** The most rows one export may hold; a larger range is refused before anything is written. */
export const MAX_ROWS = 100_000;
/** The longest range, in days. */
export const MAX_DAYS = 92;

/** 门岗出入记录-幸福小区-2026-11-01至2026-11-30.xlsx (characters a file name cannot hold replaced). */
export const fileNameOf = (title: string, orgName: string, from: string, to: string) =>
  `${title}-${orgName}-${from}至${to}.xlsx`.replace(/[\\/:*?"<>|\s]+/g, '_');

export function toExportView(d: ExportDoc, url: string | null): ExportView {
  const { _id, _v: _version, openid: _openid, role: _role, fullNames: _full, fileId: _file, ...rest } = d;
  const v: ExportView = { id: _id, ...rest };
  return url ? { ...v, url, urlSeconds: URL_SECONDS } : v;
}
