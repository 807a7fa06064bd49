/**
 * The photos of one record a page is making: picked (checked on the phone, refusals kept to say),
 * kept in order, removable, and uploaded once each under the record's key — so a submit retried
 * after a lost reply sends the same file ids, and a photo added after a failed submit gets a
 * number of its own instead of overwriting one already uploaded.
 */
import type { MediaKind, PickedFile } from '../shared/photos';
import { MAX_PHOTOS } from '../shared/photos';
import { pickPhotos, uploadPhotos } from './photos';

export class PhotoDraft {
  files: PickedFile[] = [];
  /** File ids already uploaded, by local path. */
  private readonly uploaded: Record<string, string> = {};
  /** The number the next uploaded file is named by. */
  private next = 1;

  constructor(
    readonly kind: MediaKind,
    /** The record's key: its request id, or the id of the record the photos answer. */
    readonly key: string,
  ) {}

  /** The local paths, for thumbnails. */
  get paths(): string[] {
    return this.files.map((f) => f.tempFilePath);
  }

  get room(): number {
    return MAX_PHOTOS - this.files.length;
  }

  /** Opens the camera or album for what room is left; why some picked files were left out. */
  async add(): Promise<string[]> {
    if (this.room <= 0) return [];
    const picked = await pickPhotos(this.room);
    this.files = [...this.files, ...picked.files].slice(0, MAX_PHOTOS);
    return picked.refused;
  }

  remove(index: number) {
    this.files = this.files.filter((_, i) => i !== index);
  }

  /** Uploads what is not uploaded yet (into `uploadDir`, the caller's folder the server named); all file ids, in order. */
  async fileIds(uploadDir: string): Promise<string[]> {
    const todo = this.files.filter((f) => !this.uploaded[f.tempFilePath]);
    const ids = await uploadPhotos(todo, { kind: this.kind, uploadDir, key: this.key, first: this.next });
    this.next += todo.length;
    todo.forEach((f, i) => (this.uploaded[f.tempFilePath] = ids[i]));
    return this.files.map((f) => this.uploaded[f.tempFilePath]);
  }
}
