/** The audit trail: one record per grant or revocation (reads of personal data: not yet). */
import type { Role } from '../../typings/domain';

export type AuditDoc = {
  _id: string;
  _v?: number;
  kind: 'grant' | 'revoke';
  /** openid of who did it */
  actor: string;
  /** openid of whose grants changed */
  subject: string;
  role: Role;
  orgId: string;
  at: number;
};

declare module '../store/port' {
  interface Collections {
    audit: AuditDoc;
  }
}
