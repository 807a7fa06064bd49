/** The gate a volunteer stands at, remembered across launches. */
import { STORAGE } from './gate-storage';

export interface Post {
  compoundId: string;
  compoundName: string;
  gateId: string;
  gateName: string;
}

export function savedPost(): Post | null {
  const value = wx.getStorageSync(STORAGE.post) as Post | '';
  return value && typeof value === 'object' && value.gateId && value.compoundId ? value : null;
}

export function savePost(post: Post): void {
  wx.setStorageSync(STORAGE.post, post);
}
