/**
 * `npm run init-db`: creates every declared collection (server/app.ts) in CloudBase with its
 * indexes and the security rule that denies clients all direct access. `npm run deploy` runs it
 * too. Reads TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY. Running it twice changes nothing.
 */
import { COLLECTIONS } from '../server/app';
import { initDb } from './deploy/database';
import { runMain } from './deploy/run';
import { openCloud, readCloudVars } from './deploy/sdk';

async function main() {
  const cloud = await openCloud(readCloudVars(process.env));
  const changes = await initDb(cloud, COLLECTIONS, console.log);
  const count = changes.created.length + changes.indexesCreated.length + changes.indexesDropped.length + changes.rulesSet.length;
  console.log(count ? `init-db 完成：环境 ${cloud.envId}。` : `init-db：环境 ${cloud.envId} 已是声明的样子，没有改动。`);
}

runMain(main);
