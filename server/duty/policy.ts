/**
 * Authorization rows of the duty actions, spread into POLICY (server/auth/policy.ts). Actions
 * that name a shift, post or unit find their compound by loading it (ctx.authorize).
 */
import type { Rule } from '../auth/policy';
import { OVERSEERS } from '../auth/roles';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const compound = (d: Record<string, unknown>) => str(d.compoundId);
const org = (d: Record<string, unknown>) => str(d.orgId);

export const DUTY_POLICY: Readonly<Record<string, Rule>> = {
  // The party organisation. Anyone may list units (choosing one when applying to volunteer).
  'party.list': { roles: 'anyone', scope: 'none', target: org },
  'party.save': { roles: OVERSEERS, scope: 'subtree', target: org },
  'party.remove': { roles: OVERSEERS, scope: 'subtree' },

  // Volunteers: anyone may apply at a compound; its secretary decides.
  'volunteer.join': { roles: 'anyone', scope: 'none', target: compound },
  'volunteer.mine': { roles: 'anyone', scope: 'none' },
  'volunteer.list': { roles: OVERSEERS, scope: 'subtree', target: compound },
  'volunteer.approve': { roles: ['secretary'], scope: 'subtree', target: compound },

  // Posts and rotas: the secretary runs them; volunteers and overseers see them.
  'duty.savePost': { roles: ['secretary'], scope: 'subtree', target: compound },
  'duty.posts': { roles: ['volunteer', ...OVERSEERS], scope: 'subtree', target: compound },
  'duty.postCode': { roles: ['secretary'], scope: 'subtree' },
  'duty.generate': { roles: ['secretary'], scope: 'subtree', target: compound },
  'duty.shifts': { roles: ['volunteer', ...OVERSEERS], scope: 'subtree', target: compound },
  'duty.signup': { roles: ['volunteer'], scope: 'subtree' },
  'duty.assign': { roles: ['secretary'], scope: 'subtree' },
  'duty.withdraw': { roles: ['volunteer', 'secretary'], scope: 'subtree' },
  'duty.suggest': { roles: ['secretary'], scope: 'subtree' },
  'duty.checkIn': { roles: ['volunteer'], scope: 'subtree' },
  'duty.checkOut': { roles: ['volunteer'], scope: 'subtree' },
  'duty.mine': { roles: ['volunteer'], scope: 'none' },
  'duty.coverage': { roles: OVERSEERS, scope: 'subtree', target: org },
  'duty.hours': { roles: OVERSEERS, scope: 'subtree', target: org },
};
