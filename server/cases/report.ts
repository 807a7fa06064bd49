/**
 * case.report: anyone with a role in (or above) the compound reports a returnee, a close contact or
 * risky behaviour. One transaction: the case and its `case.reported` alert to the compound's
 * secretary (severity by kind: the alert model's deadline). The case's id comes from the
 * reporter and their request id, so a retry returns the stored case and writes nothing. The
 * open-case gauges and the alert's move in the same transaction, one counter write. Photos
 * (0–9) are the reporter's own uploads for this request id (server/media), checked before the write.
 */
import * as z from 'zod/mini';
import type { Role } from '../../typings/domain';
import { CASE_KIND_LABELS, CASE_SEVERITY } from '../../miniprogram/shared/cases';
import { planAlerts, raiseAlert, type AlertInput } from '../alerts/model';
import type { Caller } from '../auth/caller';
import type { OrgDoc } from '../auth/nodes';
import { ROLE_RANK, ROLES } from '../auth/roles';
import { AT_COMPOUND } from '../auth/rules';
import { invalid } from '../core/errors';
import { maskName } from '../core/mask';
import { id, matching, personName, phone, unitNo } from '../core/validate';
import { checkPhotos, photos } from '../media/photos';
import { action } from '../runtime/action';
import { checkDetails, day, KINDS, LABELS, note, requestId, temperature, textField, TRANSPORTS } from './fields';
import { caseId, locationOf, PERSON_ID, toCaseView, type CaseDoc } from './model';
import { bumpCaseGauges } from './gauge';
import { checkPerson } from './person';

export const reportedKey = (id: string) => `case.reported:${id}`;

/** The alert a report raises: what the secretary needs, the person masked, the reporter never named. */
export function reportedAlert(c: CaseDoc): AlertInput {
  const label = CASE_KIND_LABELS[c.kind];
  const input: AlertInput = {
    key: reportedKey(c._id),
    kind: 'case.reported',
    severity: c.severity,
    orgId: c.buildingId,
    title: `线索上报：${label}`,
    note: `${locationOf(c)} ${label}${c.anonymous ? '（匿名上报）' : ''}，请确认并处置`,
    data: { caseId: c._id, kind: c.kind, location: locationOf(c), who: c.personName ? maskName(c.personName) : null, anonymous: c.anonymous },
  };
  if (!c.anonymous && c.reporter) input.by = { openid: c.reporter };
  return input;
}

/** The reporter's highest role over the building, or in its compound (a resident of another building). */
function reporterRole(caller: Caller, building: OrgDoc): Role {
  const compound = building.parentId!;
  const held = caller.grants.filter((g) => g.orgId === building._id || building.path.includes(g.orgId) || g.path.includes(compound));
  return held.reduce<Role>((top, g) => (ROLE_RANK[g.role] > ROLE_RANK[top] ? g.role : top), 'resident');
}

export const reportAction = action('case.report', {
  roles: ROLES,
  // A resident's grant is at their building: lineage lets them reach their compound; the level keeps it a compound.
  scope: 'lineage',
  target: { field: 'compoundId', ...AT_COMPOUND },
  limit: { per: 'hour', max: 20 },
  schema: z.strictObject({
    kind: z.enum(KINDS),
    compoundId: id(),
    buildingId: id(),
    unit: z.optional(unitNo()),
    room: z.optional(unitNo()),
    personName: z.optional(personName()),
    personPhone: z.optional(phone()),
    personId: z.optional(matching(PERSON_ID, '居民档案编号格式不正确')),
    origin: z.optional(textField.origin()),
    arrivalDate: z.optional(day()),
    transport: z.optional(z.enum(TRANSPORTS)),
    plannedAddress: z.optional(textField.plannedAddress()),
    contactOf: z.optional(textField.contactOf()),
    contactDate: z.optional(day()),
    place: z.optional(textField.place()),
    temperature: z.optional(temperature()),
    note: z.optional(note()),
    anonymous: z.optional(z.boolean()),
    photos: z.optional(photos()),
    requestId: requestId(),
  }),
  labels: LABELS,
  handle: async (req, ctx) => {
    const now = ctx.clock.now();
    checkDetails(req, now);
    const building = await ctx.store.get('orgs', req.buildingId);
    if (!building || building.parentId !== req.compoundId) throw invalid('data.buildingId', '楼栋不在该小区');
    if (req.personId) await checkPerson(ctx.store, req.personId, req.buildingId, '居民档案不属于所选楼栋');
    const id = caseId(ctx.caller.openid, req.requestId);
    const stored = await ctx.store.get('cases', id);
    const fullNames = ctx.caller.seesFullNames(building);
    if (stored) return toCaseView(stored, fullNames); // a retry
    if (req.photos?.length)
      await checkPhotos(ctx.services.media, { kind: 'case', openid: ctx.caller.openid, key: req.requestId, fileIds: req.photos, field: 'data.photos' });
    const anonymous = req.anonymous === true;
    const role = reporterRole(ctx.caller, building);
    const { requestId: rid, anonymous: _a, compoundId, buildingId, photos: files, ...rest } = req;
    const doc: CaseDoc = {
      ...rest,
      ...(files?.length ? { photos: files } : {}),
      _id: id,
      severity: CASE_SEVERITY[req.kind],
      state: 'reported',
      compoundId,
      buildingId,
      buildingName: building.name,
      path: [...building.path, building._id],
      anonymous,
      reporter: ctx.caller.openid,
      ...(!anonymous && ctx.caller.user?.name ? { reporterName: ctx.caller.user.name } : {}),
      reporterRole: role,
      reportedAt: now,
      steps: [
        {
          at: now,
          kind: 'reported',
          role,
          requestId: rid,
          ...(anonymous ? {} : { byId: ctx.caller.openid, ...(ctx.caller.user?.name ? { byName: ctx.caller.user.name } : {}) }),
        },
      ],
    };
    const [plan] = await planAlerts(ctx.store, [reportedAlert(doc)]);
    const saved = await ctx.store.transaction(async (tx) => {
      const again = await tx.get('cases', id);
      if (again) return again;
      await tx.insert('cases', doc);
      // The case's gauges and its alert's: one counter write, gathered at the commit.
      await bumpCaseGauges(tx, null, doc);
      await raiseAlert(tx, plan, now);
      return doc;
    });
    return toCaseView(saved, fullNames);
  },
});
