/**
 * Developer panel, shown only in develop builds that have a local runtime configured: switch
 * between the local runtime and the cloud, and pick the demo account to act as (its openid is
 * sent as X-Openid). Fires `identitychange` after either switch so the page reloads.
 */
import { availableLocalRuntime, chooseRuntime, currentRuntime } from '../../services/config';
import type { DemoAccount } from '../../services/dev';
import { chooseDemoAccount, demoOpenid, fetchDemoAccounts } from '../../services/dev';
import { toCallError } from '../../services/errors';
import type { Tap } from '../../utils/events';
import { ROLE_LABELS } from '../../utils/roles';

interface AccountRow {
  openid: string;
  name: string;
  role: string;
  org: string;
  current: boolean;
}

function rowOf(account: DemoAccount, current: string | null): AccountRow {
  return {
    openid: account.openid,
    name: account.displayName || account.openid,
    role: ROLE_LABELS[account.role] ?? account.role,
    org: account.orgPath || account.orgName || account.orgId,
    current: account.openid === current,
  };
}

/** "张三 · 居民 · 商州区 / …" for the chosen row, or '' when none is chosen. */
function currentLabelOf(rows: AccountRow[]): string {
  const chosen = rows.find((r) => r.current);
  return chosen ? `${chosen.name} · ${chosen.role} · ${chosen.org}` : '';
}

Component({
  data: {
    visible: false,
    local: false,
    baseUrl: '',
    expanded: false,
    loading: false,
    error: '',
    accounts: [] as AccountRow[],
    currentLabel: '',
  },

  lifetimes: {
    attached() {
      this.refresh();
    },
  },

  methods: {
    refresh() {
      const available = availableLocalRuntime();
      if (!available) {
        this.setData({ visible: false });
        return;
      }
      const runtime = currentRuntime();
      const local = runtime.kind === 'local';
      this.setData({ visible: true, local, baseUrl: available.baseUrl, accounts: [], currentLabel: '', error: '' });
      if (local) void this.loadAccounts(available.baseUrl);
    },

    async loadAccounts(baseUrl: string) {
      this.setData({ loading: true, error: '' });
      try {
        const accounts = await fetchDemoAccounts(baseUrl);
        this.showAccounts(accounts);
      } catch (err) {
        this.setData({ loading: false, error: toCallError(err).message, expanded: true });
      }
    },

    showAccounts(accounts: DemoAccount[]) {
      const current = demoOpenid();
      const rows = accounts.map((a) => rowOf(a, current));
      const currentLabel = currentLabelOf(rows);
      // Nobody chosen yet: open the list so the developer picks one.
      this.setData({ loading: false, accounts: rows, currentLabel, expanded: !currentLabel });
    },

    onToggle() {
      this.setData({ expanded: !this.data.expanded });
    },

    onRetry() {
      void this.loadAccounts(this.data.baseUrl);
    },

    onChoose(e: Tap<{ openid: string }>) {
      const { openid } = e.currentTarget.dataset;
      chooseDemoAccount(openid);
      const rows = this.data.accounts.map((r) => ({ ...r, current: r.openid === openid }));
      this.setData({ accounts: rows, currentLabel: currentLabelOf(rows), expanded: false });
      this.triggerEvent('identitychange', { openid });
    },

    onSwitchRuntime() {
      chooseRuntime(this.data.local ? 'cloud' : 'local');
      this.refresh();
      this.triggerEvent('identitychange', {});
    },
  },
});
