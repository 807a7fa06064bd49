/**
 * The audit trail: one record per grant or revocation, per export of one's data and per erasure
 * (reads of other people's data go to the access log: ./access.ts).
 */
import type { Role } from '../../typings/domain';

export type AuditDoc = {
  _id: string;
  _v?: number;
  kind: 'grant' | 'revoke' | 'export' | 'erase';
  /** openid of who did it */
  actor: string;
  /** openid of whose grants changed */
  subject: string;
  /** grant and revoke: the role and where */
  role?: Role;
  orgId?: string;
  at: number;
};

declare module '../store/port' {
  interface Collections {
    audit: AuditDoc;
  }
}
