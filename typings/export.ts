/** Ledger exports (台账导出): the `export` function's requests and answers. */

/** What can be exported: one ledger each (server/export/kinds.ts says how). */
export type ExportKind = 'gate' | 'vehicle' | 'health' | 'cases' | 'disinfect' | 'dutyVolunteers' | 'dutyUnits' | 'whistles' | 'rectifications';

/** An export as its maker sees it. */
export interface ExportView {
  id: string;
  kind: ExportKind;
  /** The ledger's Chinese title, e.g. 门岗出入记录. */
  title: string;
  orgId: string;
  orgName: string;
  /** Days, YYYY-MM-DD (Asia/Shanghai), both included. */
  from: string;
  to: string;
  rows: number;
  bytes: number;
  /** The file's name, e.g. 门岗出入记录-幸福小区-2026-11-01至2026-11-30.xlsx. */
  fileName: string;
  createdAt: number;
  /** Until when the file is kept. */
  expiresAt: number;
  /** A link to download it, valid for `urlSeconds` from now; absent once the file is gone. */
  url?: string;
  urlSeconds?: number;
}

export interface ExportActions {
  /**
   * Writes a ledger of `orgId` over [from, to] to an .xlsx file in storage and answers it with a
   * download link. Names masked unless the caller runs or oversees the node. A retry with the
   * same requestId answers the same export (a fresh link), no second file.
   */
  'export.create': {
    req: { requestId: string; kind: ExportKind; orgId: string; from: string; to: string };
    res: ExportView;
  };
  /** The caller's own exports still kept, newest first, each with a fresh link; and the kinds they may export at `orgId`, with its name. */
  'export.list': {
    req: { orgId?: string };
    res: { items: ExportView[]; kinds: Array<{ kind: ExportKind; title: string }>; org?: { id: string; name: string } };
  };
}
