/** Notices down the chain, alerts up it, subscription consent. Types only. */
import type { OrgLevel, Role } from './domain';

export type NoticeLevel = 'normal' | 'important' | 'urgent';
/** Who a notice is for: residents → residents; volunteers → volunteers; staff → leaders, secretaries, staff, admins; all → everyone. */
export type NoticeAudience = 'residents' | 'volunteers' | 'staff' | 'all';

export interface NoticeView {
  id: string;
  scopeOrgId: string;
  scopeName: string;
  scopeLevel: OrgLevel;
  title: string;
  body: string;
  level: NoticeLevel;
  audience: NoticeAudience;
  requireAck: boolean;
  publishedAt: number;
  publisherName: string;
  expiresAt?: number;
  /** The caller's own receipt (inbox and detail). */
  readAt?: number;
  ackedAt?: number;
}

export interface NoticeProgressRow {
  orgId: string;
  name: string;
  level: OrgLevel;
  audience: number;
  read: number;
  acked: number;
}

export interface NoticeProgress {
  noticeId: string;
  orgId: string;
  /** The node itself, totals over its subtree. */
  total: NoticeProgressRow;
  /** One row per child node (empty at a building). */
  children: NoticeProgressRow[];
  /** At a building: who has not read yet, masked, so the leader can knock on doors. */
  unread?: Array<{ name: string; household: string }>;
}

export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';
export type AlertStatus = 'open' | 'acked' | 'resolved';

export interface AlertStep {
  at: number;
  /** escalated | acked | resolved | raised */
  kind: 'raised' | 'escalated' | 'acked' | 'resolved';
  orgId: string;
  role: Role;
  by?: string;
  note?: string;
}

export interface AlertView {
  id: string;
  kind: string;
  severity: AlertSeverity;
  title: string;
  /** The node the alert concerns (where it happened). */
  orgId: string;
  orgName: string;
  /** Who must act now: this role at this node (it climbs when nobody acks). */
  assigneeOrgId: string;
  assigneeRole: Role;
  status: AlertStatus;
  createdAt: number;
  ackDeadline: number;
  data: Record<string, unknown>;
  steps: AlertStep[];
}

/** One template's answer from wx.requestSubscribeMessage. */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * The subscription templates by purpose, and the values the server fills each one's message
 * with. The template file (miniprogram/shared/templates.ts) gives each its WeChat id and maps
 * WeChat's field keys onto these values.
 */
export interface TemplateValues {
  /** The decision on a pass application. */
  passDecision: 'compound' | 'status' | 'name' | 'time' | 'reason';
  /** An alert's latest step, to whoever must act. */
  alert: 'title' | 'place' | 'level' | 'time' | 'note';
  /** An important or urgent notice, or a reminder to acknowledge one. */
  notice: 'title' | 'from' | 'level' | 'time';
  /** A shift reminder, a placement by the secretary, a call to backfill. */
  shiftReminder: 'post' | 'place' | 'start' | 'note';
  /** The building leader's reminder to report today's health. */
  healthReminder: 'building' | 'day' | 'note';
}

export type TemplateName = keyof TemplateValues;

/** Pushes a user may still receive: one-time grants left per template, and the long-term templates on. */
export interface ConsentSummary {
  granted: Record<TemplateName, number>;
  longTerm: TemplateName[];
}
