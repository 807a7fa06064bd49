import * as cloud from 'wx-server-sdk';
import { orgFunction } from '../../../server/org/actions';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `org`: routes `{ action: 'org.<verb>', data }` to the org actions. */
export const main = cloudMain('org', orgFunction, cloud);
