/** A photo store for tests: files "uploaded" by `put`, viewed through per-viewer fake URLs. */
import type { MediaPort } from '../../server/media/port';

export function memoryMedia(): MediaPort & { put(...ids: string[]): void; asked: string[][] } {
  const files = new Set<string>();
  const asked: string[][] = [];
  return {
    asked,
    put: (...ids) => ids.forEach((id) => files.add(id)),
    async missing(ids) {
      asked.push([...ids]);
      return ids.filter((id) => !files.has(id));
    },
    async urls(ids, viewer) {
      return Object.fromEntries(ids.filter((id) => files.has(id)).map((id) => [id, `https://media.test/${encodeURIComponent(id)}?for=${viewer}`]));
    },
  };
}
