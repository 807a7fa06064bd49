/**
 * The dry run's CloudBase: prints every call the deploy makes, with its arguments, and answers as
 * an environment with nothing in it yet — so what it prints is everything a first deploy does.
 * No network, no credentials.
 */
import type { CloudApi } from './sdk';

type Print = (line: string) => void;

const show = (args: unknown[]) => args.map((a) => JSON.stringify(a)).join(', ');

export function dryRunCloud(envId: string, print: Print): CloudApi {
  const call =
    <R>(what: string, answer: () => R | Promise<R>) =>
    async (...args: unknown[]): Promise<R> => {
      print(`  ${what}(${show(args)})`);
      return answer();
    };
  const notFound = (): Promise<never> => Promise.reject(Object.assign(new Error('dry run: no such function yet'), { code: 'ResourceNotFound.Function' }));
  const ok = () => ({ RequestId: 'dry-run' });
  return {
    envId,
    functions: {
      getFunctionDetail: call('functions.getFunctionDetail', notFound),
      createFunction: call('functions.createFunction', ok),
      updateFunctionCode: call('functions.updateFunctionCode', ok),
      updateFunctionConfig: call('functions.updateFunctionConfig', ok),
      createFunctionTriggers: call('functions.createFunctionTriggers', ok),
      deleteFunctionTrigger: call('functions.deleteFunctionTrigger', ok),
    },
    database: {
      listCollections: call('database.listCollections', () => ({ RequestId: 'dry-run', Collections: [], Pager: { Offset: 0, Limit: 100, Total: 0 } })),
      createCollection: call('database.createCollection', ok),
      describeCollection: call('database.describeCollection', () => ({ RequestId: 'dry-run', Indexes: [] })),
      updateCollection: call('database.updateCollection', ok),
    },
    common: {
      call: call('common.call', () => ({ RequestId: 'dry-run' })),
    },
  };
}
