/** The wallet on its own: what it keeps, when it asks the server, and that its codes verify. */
import type { PassView } from '../../typings/pass';
import type * as Wallet from '../../miniprogram/services/pass-wallet';
import { verifyPassQr } from '../../miniprogram/shared/pass/verify';
import { installFakeWx } from './support/fake-wx';
import type { FakeWx } from './support/fake-wx';
import { COMPOUND_ID, DAY_MS, GATE_MORNING, PassServer, passView } from './support/pass-server';
import type { PassWx, PassWxOptions } from './support/pass-wx';
import { addPassWx } from './support/pass-wx';

interface Setup {
  wallet: typeof Wallet;
  server: PassServer;
  fake: FakeWx;
  wx: PassWx;
}

/** A fresh wallet module (no fetch in flight) over a fresh fake. */
async function setup(passes: PassView[], options: PassWxOptions = {}): Promise<Setup> {
  jest.resetModules();
  const server = new PassServer(passes);
  const fake = installFakeWx({ handlers: server.handlers() });
  const wx = addPassWx(fake, options);
  return { wallet: await import('../../miniprogram/services/pass-wallet'), server, fake, wx };
}

describe('the pass wallet', () => {
  it('keeps the credential with its seed and makes codes the gate accepts, offline', async () => {
    const pass = passView(Date.now());
    const { wallet, server, fake } = await setup([pass]);
    const entry = await wallet.credentialFor(pass);

    expect(fake.storage.get(wallet.walletKey(pass.id))).toEqual(entry);
    expect(fake.storage.get(wallet.WALLET_INDEX_KEY)).toEqual([pass.id]);
    expect(wallet.cachedEntries()).toEqual([entry]);

    fake.offline = true;
    const now = Date.now();
    const text = wallet.qrTextAt(wallet.readEntry(pass.id) as Wallet.WalletEntry, now);
    expect(verifyPassQr(text, { trust: server.trust(), compoundId: COMPOUND_ID, nowMs: now }).ok).toBe(true);
  });

  it('asks once for two opens at the same moment', async () => {
    const pass = passView(Date.now());
    const { wallet, fake } = await setup([pass]);
    const [a, b] = await Promise.all([wallet.credentialFor(pass), wallet.credentialFor(pass)]);
    expect(a).toBe(b);
    expect(fake.callsOf('pass.credential')).toHaveLength(1);
  });

  it('treats a credential that ends at another time or is for another compound as out of date', async () => {
    const pass = passView(GATE_MORNING);
    const { wallet } = await setup([pass]);
    const entry = await wallet.credentialFor(pass);

    expect(wallet.matchesPass(entry, pass, GATE_MORNING)).toBe(true);
    expect(wallet.matchesPass(entry, { ...pass, validUntil: (pass.validUntil as number) + 1000 }, GATE_MORNING)).toBe(false);
    expect(wallet.matchesPass(entry, { ...pass, validUntil: (pass.validUntil as number) - DAY_MS }, GATE_MORNING)).toBe(false);
    expect(wallet.matchesPass(entry, { ...pass, compoundId: 'p-hexie' }, GATE_MORNING)).toBe(false);
    expect(wallet.matchesPass(entry, pass, (pass.validUntil as number) + 1000)).toBe(false);
  });

  it('refuses a credential made for another key, and keeps nothing', async () => {
    const pass = passView(Date.now());
    const { wallet, server, fake } = await setup([pass]);
    fake.handlers['pass.credential'] = () => server.sign(pass, 'A'.repeat(43));

    await expect(wallet.credentialFor(pass)).rejects.toThrow('服务器返回的出入证与本机不符，请稍后重试');
    expect(wallet.readEntry(pass.id)).toBeNull();
  });

  it('fails with a plain message where the client has no getRandomValues', async () => {
    const pass = passView(Date.now());
    const { wallet, fake } = await setup([pass], { noRandom: true });
    await expect(wallet.credentialFor(pass)).rejects.toMatchObject({ message: wallet.NO_RANDOM_MESSAGE });
    expect(fake.callsOf('pass.credential')).toEqual([]);
  });

  it('drops entries of passes no longer approved or no longer listed', async () => {
    const kept = passView(Date.now());
    const revoked = passView(Date.now());
    const gone = passView(Date.now());
    const { wallet, fake } = await setup([kept, revoked, gone]);
    for (const p of [kept, revoked, gone]) await wallet.credentialFor(p);

    wallet.prune([kept, { ...revoked, status: 'revoked' }]);
    expect(wallet.cachedEntries().map((e) => e.passId)).toEqual([kept.id]);
    expect(fake.storage.has(wallet.walletKey(revoked.id))).toBe(false);
    expect(fake.storage.has(wallet.walletKey(gone.id))).toBe(false);
  });

  it('ignores what it cannot read', async () => {
    const pass = passView(Date.now());
    const { wallet, fake } = await setup([pass]);
    const entry = await wallet.credentialFor(pass);

    fake.storage.set(wallet.walletKey(pass.id), { ...entry, seed: 'short' });
    expect(wallet.readEntry(pass.id)).toBeNull();
    fake.storage.set(wallet.walletKey(pass.id), 'garbage');
    expect(wallet.cachedEntries()).toEqual([]);
    fake.storage.set(wallet.WALLET_INDEX_KEY, 'garbage');
    expect(wallet.cachedEntries()).toEqual([]);

    // An unreadable entry is replaced by a fresh credential.
    await wallet.credentialFor(pass);
    expect(fake.callsOf('pass.credential')).toHaveLength(2);
  });
});
