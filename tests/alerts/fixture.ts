/** The demo district with the alert function mounted, a real pass at the gate, and ways to look at alerts and their pushes. */
import type { ActionName, ActionRequest, ActionResponse } from '../../typings/api';
import type { Role } from '../../typings/domain';
import type { Envelope } from '../../typings/envelope';
import type { GateEventInput } from '../../typings/pass';
import type { AlertDoc } from '../../server/alerts/model';
import { grantKey, type UserDoc } from '../../server/auth/caller';
import { FUNCTIONS } from '../../server/app';
import { createApp } from '../../server/runtime/dispatch';
import { DEMO } from '../../server/seed/district';
import type { Meter } from '../../server/store/metered';
import { makeHarness, T0, type Harness } from '../support/harness';
import { issuePass, type IssuedPass } from '../support/passes';

export const GATE = 'sz-s1-c01-x01-g1';
export const { compound: COMPOUND, community: COMMUNITY, street: STREET, district: DISTRICT, otherCompound: OTHER_COMPOUND } = DEMO;
export const OTHER_COMMUNITY = 'sz-s1-c02';

type AlertAction = Extract<ActionName, `alert.${string}`>;
type Called<T> = Envelope<T> & { meter: Meter };

export interface AlertHarness extends Harness {
  pass: IssuedPass;
  /** Calls an alert action as `openid`, with the request's database operation counts. */
  act<A extends AlertAction>(openid: string, action: A, data: ActionRequest<A>): Promise<Called<ActionResponse<A>>>;
  actRaw(openid: string, action: string, data: unknown): Promise<Called<unknown>>;
  /** Data of a successful alert call, or a thrown error naming the failure. */
  ok<A extends ActionName>(openid: string, action: A, data: ActionRequest<A>): Promise<ActionResponse<A>>;
  /** A volunteer measures a fever at the demo compound's gate and syncs it; returns the alert id. */
  fever(eventId: string, temperature?: number): Promise<string>;
  /** Recipients of each step's push for one alert: step index → sorted openids. */
  pushes(alertId: string): Promise<Record<number, string[]>>;
  /** The stored alert. */
  alertDoc(alertId: string): Promise<AlertDoc>;
}

/** Adds a user holding the given grants. */
export async function addUser(h: Harness, openid: string, grants: Array<[Role, string]>, name = openid): Promise<void> {
  const orgs = await h.store.getMany(
    'orgs',
    grants.map(([, id]) => id),
  );
  const path = (id: string) => orgs.find((o) => o._id === id)!.path;
  const user: UserDoc = {
    _id: openid,
    name,
    grants: grants.map(([role, orgId]) => ({ role, orgId, path: path(orgId), grantedBy: 'test', at: T0 })),
    grantKeys: grants.map(([role, orgId]) => grantKey(role, orgId)),
    createdAt: T0,
    updatedAt: T0,
  };
  await h.store.insert('users', user);
}

export async function makeAlertHarness(): Promise<AlertHarness> {
  const h = await makeHarness();
  const pass = await issuePass(h);
  const app = createApp({ store: h.store, clock: h.clock, functions: FUNCTIONS, onError: () => undefined });
  await addUser(h, 'district-staff', [['staff', DISTRICT]], '区 赵干事');
  await addUser(h, 'other-secretary', [['secretary', OTHER_COMPOUND]], '刘书记');
  await addUser(h, 'other-community-staff', [['staff', OTHER_COMMUNITY]], '西街 钱干事');

  const actRaw = async (openid: string, action: string, data: unknown) => {
    const meter: Meter = { reads: 0, writes: 0 };
    const env = await app.call('alert', { action, data }, openid, { meter });
    return { ...env, meter };
  };
  const act = actRaw as AlertHarness['act'];
  return {
    ...h,
    pass,
    act,
    actRaw,
    async ok(openid, action, data) {
      const r = action.startsWith('alert.') ? await actRaw(openid, action, data) : await h.call(openid, action, data);
      if (!r.ok) throw new Error(`${action} failed: ${r.error.code} ${r.error.message}`);
      return r.data as never;
    },
    async fever(eventId, temperature = 38.1) {
      const at = h.clock.now();
      const event: GateEventInput = { id: eventId, at, kind: 'resident', direction: 'in', verdict: 'deny', reason: 'FEVER', qr: pass.qrAt(at), temperature };
      const r = await h.ok('demo-volunteer-1', 'gate.sync', { gateId: GATE, events: [event] });
      expect(r.results[0]).toMatchObject({ verdict: 'deny', reason: 'FEVER' });
      return `gate.fever:${GATE}:${eventId}`;
    },
    async pushes(alertId) {
      const prefix = `alert:${alertId}:`;
      const page = await h.store.query('outbox', { where: { kind: 'alert' }, orderBy: [{ field: '_id' }] });
      const out: Record<number, string[]> = {};
      for (const e of page.items.filter((d) => d._id.startsWith(prefix))) {
        const step = Number(e._id.slice(prefix.length).split(':')[0]);
        (out[step] ??= []).push(e.to);
      }
      for (const list of Object.values(out)) list.sort();
      return out;
    },
    async alertDoc(alertId) {
      return (await h.store.get('alerts', alertId))!;
    },
  };
}
