import * as cloud from 'wx-server-sdk';
import { noticeContext } from '../../../server/notices/context';
import { cloudMain } from '../../../server/runtime/cloud';

/** Cloud function `notice`: routes `{ action: 'notice.<verb>', data }` to its context's actions. */
export const main = cloudMain(noticeContext, cloud);
