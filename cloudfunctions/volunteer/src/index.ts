import * as cloud from 'wx-server-sdk';
import { volunteerFunction } from '../../../server/duty/volunteers';
import { cloudMain } from '../../../server/cloud/entry';

/** Cloud function `volunteer`: routes `{ action: 'volunteer.<verb>', data }` to the volunteer actions. */
export const main = cloudMain('volunteer', volunteerFunction, cloud);
