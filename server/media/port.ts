/**
 * Photo storage as the server sees it (ARCHITECTURE.md "Photos"): the phone uploads the bytes
 * itself (cloud: `wx.cloud.uploadFile`; local runtime: its upload endpoint) and an action carries
 * only the file ids. The port answers which ids name stored files and hands out URLs to view them.
 * Adapters: CloudBase (./cloud.ts: `getTempFileURL`), the local runtime's directory (local/media.ts),
 * and none (tests and hosts without storage: nothing is stored).
 */
export interface MediaPort {
  /** The ids among these that name no stored file. */
  missing(fileIds: readonly string[]): Promise<string[]>;
  /** A URL per id that `viewer` may open for a while (temporary in the cloud); missing ids are left out. */
  urls(fileIds: readonly string[], viewer: string): Promise<Record<string, string>>;
}

/** No storage: every file is missing, nothing can be viewed. */
export const NO_MEDIA: MediaPort = {
  async missing(fileIds) {
    return [...fileIds];
  },
  async urls() {
    return {};
  },
};
