import { NO_EXPORT_FILES, type ExportFiles } from '../media/exports';
import { NO_MEDIA, type MediaPort } from '../media/port';

/**
 * Outside services an action may need, injected by whoever hosts the functions: the cloud
 * entry passes WeChat's, the local runtime and tests pass local stand-ins.
 */
export interface TextVerdict {
  ok: boolean;
  /** Why it was refused (WeChat's label, or the stand-in's word). */
  label?: string;
}

/** A mini program code image (wxacode.getUnlimited in the cloud). */
export interface MiniProgramCode {
  contentType: string;
  data: Uint8Array;
}

export interface Services {
  /** WeChat content security (security.msgSecCheck in the cloud). */
  checkText(text: string, openid: string): Promise<TextVerdict>;
  /** Photo storage (server/media/port.ts): CloudBase storage in the cloud, DATA_DIR in the local runtime. */
  media: MediaPort;
  /** Exported files (server/media/exports.ts): CloudBase storage in the cloud, DATA_DIR in the local runtime. */
  exportFiles: ExportFiles;
  /**
   * The mini program code that opens `page` with `scene` (wxacode.getUnlimited); only the cloud
   * has it: WeChat draws the code for the released mini program.
   */
  miniProgramCode?(args: { scene: string; page: string }): Promise<MiniProgramCode>;
}

/** Words the local stand-in refuses, so the refusal path can be seen and tested locally. */
const LOCAL_BLOCKLIST = ['赌博', '博彩', '色情', '代开发票', '枪支', '毒品', '法轮'];

export const localServices: Services = {
  async checkText(text) {
    const hit = LOCAL_BLOCKLIST.find((w) => text.includes(w));
    return hit ? { ok: false, label: hit } : { ok: true };
  },
  // The local runtime passes its directory (local/media.ts); elsewhere nothing is stored.
  media: NO_MEDIA,
  exportFiles: NO_EXPORT_FILES,
};
