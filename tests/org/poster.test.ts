/**
 * 楼栋海报码: `org.posterCode` gives the scene the register page decodes (the building id) and,
 * where WeChat can draw it, the mini program code image. The cloud path is tested up to the
 * SDK (wx-server-sdk's cloud.openapi.wxacode.getUnlimited, faked); the local runtime answers the
 * scene and says the image needs the cloud.
 */
import { cloudServices, type WxCloud } from '../../server/runtime/cloud';
import { POSTER_CODE_LOCAL_NOTE, REGISTER_PAGE } from '../../server/org/actions';
import { makeHarness, type Harness } from '../support/harness';

const BUILDING = 'sz-s1-c01-x01-b01';

describe('locally', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());

  test('the secretary gets the scene of a building of their compound, and no image', async () => {
    const r = await h.ok('demo-secretary', 'org.posterCode', { buildingId: BUILDING });
    expect(r).toEqual({ buildingId: BUILDING, name: '1号楼', scene: BUILDING, page: REGISTER_PAGE, image: null, note: POSTER_CODE_LOCAL_NOTE });
    // WeChat's limit for a scene.
    expect(r.scene.length).toBeLessThanOrEqual(32);
  });

  test('a compound is not a building; another compound’s building is not theirs', async () => {
    const compound = await h.call('demo-secretary', 'org.posterCode', { buildingId: 'sz-s1-c01-x01' });
    expect(compound).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', details: { field: 'data.buildingId' } } });
    const other = await h.call('demo-secretary', 'org.posterCode', { buildingId: 'sz-s1-c01-x02-b01' });
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('in the cloud (the SDK faked)', () => {
  const calls: unknown[] = [];
  const image = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]);
  const cloud = {
    openapi: {
      wxacode: {
        getUnlimited: async (args: unknown) => {
          calls.push(args);
          return { contentType: 'image/jpeg', buffer: image };
        },
      },
    },
  } as unknown as WxCloud;
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness({ services: { miniProgramCode: cloudServices(cloud).miniProgramCode } });
  });
  afterAll(() => h.close());

  test('asks WeChat for the code of the register page with the building as scene, and returns the image', async () => {
    const r = await h.ok('demo-secretary', 'org.posterCode', { buildingId: BUILDING });
    expect(calls).toEqual([{ scene: BUILDING, page: REGISTER_PAGE, checkPath: false, width: 430 }]);
    expect(r.image).toEqual({ contentType: 'image/jpeg', base64: Buffer.from(image).toString('base64') });
    expect(r.note).toBeUndefined();
  });

  test('a function without the permission fails loudly, not with an empty image', async () => {
    const bare = cloudServices({} as WxCloud);
    await expect(bare.miniProgramCode!({ scene: BUILDING, page: REGISTER_PAGE })).rejects.toThrow('wxacode.getUnlimited is not available');
  });
});
