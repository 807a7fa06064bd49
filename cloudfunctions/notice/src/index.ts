import * as cloud from 'wx-server-sdk';
import { noticeFunction } from '../../../server/notices/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `notice`: routes `{ action: 'notice.<verb>', data }` to the notice actions. */
export const main = cloudMain('notice', noticeFunction, cloud);
