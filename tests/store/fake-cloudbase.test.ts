/** The fake holds to the SDK shapes the adapter relies on, so passing over it means something. */
import { createFakeCloudDatabase } from '../support/fake-cloudbase';

describe('fake CloudBase, wx-server-sdk flavor', () => {
  const db = createFakeCloudDatabase({ flavor: 'wx' });
  const _ = db.command;
  const todos = db.collection('todos');

  test('add takes { data } and answers { _id }; a duplicate _id fails with errCode -502001 and an E11000 message', async () => {
    expect(await todos.add({ data: { _id: 't1', n: 1 } })).toMatchObject({ _id: 't1' });
    expect((await todos.add({ data: { n: 2 } }))._id).toMatch(/^[0-9a-f]{32}$/);
    const err = await todos.add({ data: { _id: 't1' } }).catch((e) => e);
    expect(err).toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/^collection\.add:fail .*E11000 duplicate key/) });
    await expect(todos.add({ _id: 't9' })).rejects.toThrow(/data/);
  });

  test('doc().get answers { data: doc } and throws for a missing id', async () => {
    expect(await todos.doc('t1').get()).toMatchObject({ data: { _id: 't1', n: 1 } });
    await expect(todos.doc('none').get()).rejects.toMatchObject({ errMsg: expect.stringMatching(/does not exist/) });
  });

  test('update/set/remove take { data } and answer stats', async () => {
    expect(await todos.doc('t1').update({ data: { n: _.inc(2), 'a.b': 1, obj: { deep: 1 } } })).toMatchObject({ stats: { updated: 1 } });
    expect(await todos.doc('t1').update({ data: { obj: { other: 2 } } })).toMatchObject({ stats: { updated: 1 } });
    // CloudBase merges nested objects on update unless the value is wrapped in _.set
    expect((await todos.doc('t1').get()).data).toEqual({ _id: 't1', n: 3, a: { b: 1 }, obj: { deep: 1, other: 2 } });
    expect(await todos.doc('none').update({ data: { n: 1 } })).toMatchObject({ stats: { updated: 0 } });
    expect(await todos.doc('t2').set({ data: { n: 5 } })).toMatchObject({ _id: 't2', stats: { updated: 0, created: 1 } });
    expect(await todos.where({ n: _.gte(3) }).update({ data: { big: true } })).toMatchObject({ stats: { updated: 2 } });
    expect(await todos.doc('t2').remove()).toMatchObject({ stats: { removed: 1 } });
  });

  test('queries follow MongoDB: null matches missing, arrays match elements, ranges stay within a type', async () => {
    const c = db.collection('q');
    for (const data of [{ _id: 'a', v: 1, tags: ['x', 'y'] }, { _id: 'b', v: 'text', tags: ['y'] }, { _id: 'c', v: null }, { _id: 'd' }]) await c.add({ data });
    const got = async (where: object) => (await c.where(where).orderBy('_id', 'asc').get()).data.map((d: { _id: string }) => d._id);
    expect(await got({ v: null })).toEqual(['c', 'd']);
    expect(await got({ v: _.neq(1) })).toEqual(['b', 'c', 'd']);
    expect(await got({ tags: 'y' })).toEqual(['a', 'b']);
    expect(await got({ v: _.gt(0) })).toEqual(['a']);
    expect(await got(_.or([{ v: 1 }, { _id: _.in(['d']) }]))).toEqual(['a', 'd']);
    expect(await got({ v: _.and([_.neq(null), _.neq(1)]) })).toEqual(['b']);
    expect((await c.orderBy('v', 'desc').get()).data.map((d: { _id: string }) => d._id)).toEqual(['b', 'a', 'c', 'd']);
    expect(await c.where({ tags: 'y' }).count()).toMatchObject({ total: 2 });
  });

  test('runTransaction: doc operations and add only; commit on success, nothing on a throw', async () => {
    await expect(
      db.runTransaction(async (t) => {
        await t.collection('todos').add({ data: { _id: 'tx1' } });
        await t
          .collection('todos')
          .doc('t1')
          .update({ data: { n: 100 } });
        expect((await t.collection('todos').doc('tx1').get()).data).toMatchObject({ _id: 'tx1' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expect(todos.doc('tx1').get()).rejects.toThrow(/does not exist/);
    expect(await todos.doc('t1').get()).toMatchObject({ data: { n: 3 } });
    await db.runTransaction(async (t) => {
      await t.collection('todos').add({ data: { _id: 'tx2' } });
      await expect(t.collection('todos').doc('none').get()).rejects.toThrow(/does not exist/);
      expect(() => t.collection('todos').where()).toThrow(/only doc/);
    });
    expect((await todos.doc('tx2').get()).data).toEqual({ _id: 'tx2' });
  });
});

describe('fake CloudBase, node-sdk flavor', () => {
  const db = createFakeCloudDatabase({ flavor: 'node', collections: ['todos'] });
  const todos = db.collection('todos');

  test('bare arguments and node-sdk result shapes', async () => {
    expect(await todos.add({ _id: 'n1', n: 1 })).toMatchObject({ id: 'n1' });
    expect(await todos.add([{ _id: 'n2' }, { _id: 'n3' }])).toMatchObject({ ids: ['n2', 'n3'] });
    expect(await todos.doc('n1').get()).toMatchObject({ data: [{ _id: 'n1', n: 1 }] });
    expect(await todos.doc('none').get()).toMatchObject({ data: [] });
    expect(await todos.doc('n1').update({ n: db.command.inc(1) })).toMatchObject({ updated: 1 });
    expect(await todos.doc('n1').set({ m: 1 })).toMatchObject({ updated: 1 });
    expect(await todos.doc('n3').remove()).toMatchObject({ deleted: 1 });
    expect(await todos.where({ _id: 'n2' }).remove()).toMatchObject({ deleted: 1 });
    expect(await todos.doc('n1').get()).toMatchObject({ data: [{ _id: 'n1', m: 1 }] });
  });

  test('errors carry CloudBase string codes; unknown collections do not exist', async () => {
    await expect(todos.add({ _id: 'n1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(db.collection('other').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await db.createCollection('other');
    expect(await db.collection('other').count()).toMatchObject({ total: 0 });
  });

  test('in a transaction doc().get answers { data: doc | null }', async () => {
    await db.runTransaction(async (t) => {
      expect(await t.collection('todos').doc('n1').get()).toMatchObject({ data: { _id: 'n1' } });
      expect(await t.collection('todos').doc('none').get()).toMatchObject({ data: null });
    });
  });

  test('compatibility mode returns { code, message } instead of throwing', async () => {
    const compat = createFakeCloudDatabase({ flavor: 'node', returnErrors: true });
    await compat.collection('c').add({ _id: 'x' });
    expect(await compat.collection('c').add({ _id: 'x' })).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
  });
});
