/**
 * The preview page at `/`: phones side by side, each the mini program as one account, with
 * what a developer needs around it — the account switcher, the page stack (back, open any page,
 * copy a deep link), the phone's settings (network, subscription answers, position, permissions,
 * storage) — and the local runtime's dev clock and outbox.
 *
 *   /?as=<openid>#/<page path>?<query>     one phone, that account, that page
 *   /?as=<a>&as=<b>                        two phones
 *   &from=compiled                         WeChat's compiled output (dist/) instead of the source
 */
import type { PhoneSettings, SubscribeAnswer } from '../phone/state';
import type { PhoneHandle, PhoneReport, StackItem } from '../shared';
import './shell.css';

interface DemoAccount {
  openid: string;
  role: string;
  displayName: string;
  orgPath: string;
}

const ROLE_NAMES: Record<string, string> = { resident: '居民', volunteer: '志愿者', leader: '楼栋长', secretary: '书记', staff: '工作人员', admin: '管理员' };
const DEFAULT_PHONES = ['demo-resident-1', 'demo-volunteer-1'];

const params = new URLSearchParams(location.search);
const source = params.get('from') === 'compiled' ? 'compiled' : 'source';
const accounts = params.getAll('as').length ? params.getAll('as') : DEFAULT_PHONES;
const firstHash = location.hash;
/** WeChat's text-size setting for every phone, in px (`font=24`: 1.5×); the standard 16 when absent. */
const fontSetting = params.get('font');

/** The query every phone URL carries besides its accounts: the pages' source and the text size. */
function phoneParams(search: URLSearchParams): URLSearchParams {
  if (source === 'compiled') search.set('from', 'compiled');
  if (fontSetting) search.set('font', fontSetting);
  return search;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** The deep link to a phone's page. */
function deepLink(account: string, item: StackItem | undefined): string {
  const search = phoneParams(new URLSearchParams({ as: account }));
  const query =
    item && Object.keys(item.query).length
      ? `?${Object.entries(item.query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&')}`
      : '';
  return `${location.origin}/?${search}${item ? `#/${item.path}${query}` : ''}`;
}

/** The address bar follows the phones: accounts in the query, the first phone's page in the hash. */
function syncAddress(phones: Phone[]): void {
  const search = new URLSearchParams();
  for (const p of phones) search.append('as', p.account);
  phoneParams(search);
  const top = phones[0]?.stack.at(-1);
  history.replaceState(
    null,
    '',
    `/?${search}${
      top
        ? `#/${top.path}${
            Object.keys(top.query).length
              ? `?${Object.entries(top.query)
                  .map(([k, v]) => `${k}=${v}`)
                  .join('&')}`
              : ''
          }`
        : ''
    }`,
  );
}

class Phone {
  readonly frame: HTMLIFrameElement;
  readonly column: HTMLElement;
  stack: StackItem[] = [];
  private readonly stackList = el('ol', { class: 'stack' });
  private readonly title = el('span', { class: 'where' });
  private readonly pagePicker = el('select', { class: 'pages', 'aria-label': '打开页面' });
  private readonly settingsBox = el('div', { class: 'settings' });

  constructor(
    public account: string,
    private readonly all: Phone[],
    hash: string,
  ) {
    this.frame = el('iframe', { class: 'lf-phone-frame', title: `手机：${account}` });
    this.frame.src = this.src(hash);
    // A (re)loaded phone shows its settings once it reports in (its handle is ready then).
    this.frame.addEventListener('load', () => this.settingsBox.replaceChildren());
    this.column = el('section', { class: 'phone' });
    this.build();
  }

  private src(hash: string): string {
    const search = phoneParams(new URLSearchParams({ as: this.account }));
    return `/preview/phone?${search}${hash}`;
  }

  handle(): PhoneHandle | undefined {
    return (this.frame.contentWindow as (Window & { lfPhone?: PhoneHandle }) | null)?.lfPhone;
  }

  private build(): void {
    const who = el('input', { class: 'account', list: 'lf-accounts', value: this.account, 'aria-label': '账号 openid', spellcheck: 'false' });
    who.addEventListener('change', () => {
      const next = who.value.trim();
      if (!next || next === this.account) return;
      this.account = next;
      this.frame.title = `手机：${next}`;
      this.frame.src = this.src('');
      syncAddress(this.all);
    });
    const back = el('button', { class: 'back', title: '返回上一页' }, '‹ 返回');
    back.onclick = () => this.handle()?.back();
    const refresh = el('button', { title: '下拉刷新（页面开启了 enablePullDownRefresh 时）' }, '↓ 刷新');
    refresh.onclick = () => this.handle()?.refresh();
    const copy = el('button', { title: '复制这一页的链接' }, '复制链接');
    copy.onclick = () => {
      const link = deepLink(this.account, this.stack.at(-1));
      void navigator.clipboard?.writeText(link);
      copy.textContent = '已复制';
      setTimeout(() => (copy.textContent = '复制链接'), 1200);
    };
    this.pagePicker.addEventListener('change', () => {
      const path = this.pagePicker.value;
      this.pagePicker.value = '';
      if (path) this.handle()?.open(`/${path}`, 'navigateTo');
    });
    const remove = el('button', { class: 'remove', title: '收起这部手机' }, '×');
    remove.onclick = () => {
      this.all.splice(this.all.indexOf(this), 1);
      this.column.remove();
      syncAddress(this.all);
    };
    const settings = el('details', { class: 'panel' }, el('summary', {}, '手机设置'), this.settingsBox);
    this.column.append(
      el('div', { class: 'bar' }, who, remove),
      el('div', { class: 'bar' }, back, this.title, refresh, copy),
      el('div', { class: 'bar' }, this.pagePicker),
      this.stackList,
      el('div', { class: 'bezel' }, this.frame),
      settings,
    );
  }

  report(message: PhoneReport): void {
    if (!this.settingsBox.childElementCount) this.renderSettings();
    this.stack = message.stack;
    const top = this.stack.at(-1);
    this.title.textContent = top ? `${top.title || top.path}` : '';
    this.title.title = top ? `/${top.path}` : '';
    this.stackList.replaceChildren(
      ...this.stack.map((item, i) => {
        const li = el('li', { title: `/${item.path}` }, item.title || item.path);
        const depth = this.stack.length - 1 - i;
        if (depth > 0) {
          li.classList.add('below');
          li.onclick = () => {
            for (let n = 0; n < depth; n++) this.handle()?.back();
          };
        }
        return li;
      }),
    );
    if (this.pagePicker.options.length <= 1) {
      const pages = this.handle()?.pages() ?? [];
      this.pagePicker.replaceChildren(el('option', { value: '' }, '打开页面…'), ...pages.map((p) => el('option', { value: p }, `/${p}`)));
    }
    syncAddress(this.all);
  }

  private renderSettings(): void {
    const phone = this.handle();
    if (!phone) return;
    const s = phone.settings();
    const update = (patch: Partial<PhoneSettings>) => {
      phone.updateSettings(patch);
      this.renderSettings();
    };
    const offline = el('input', { type: 'checkbox' });
    offline.checked = s.offline;
    offline.onchange = () => update({ offline: offline.checked });
    const subscribe = el('select');
    for (const [value, text] of [
      ['ask', '每次询问'],
      ['accept', '总是允许'],
      ['reject', '总是拒绝'],
      ['off', '关闭了订阅消息'],
    ] as Array<[SubscribeAnswer, string]>) {
      subscribe.append(el('option', { value }, text));
    }
    subscribe.value = s.subscribe;
    subscribe.onchange = () => update({ subscribe: subscribe.value as SubscribeAnswer });
    const lat = el('input', { type: 'number', step: 'any', placeholder: '纬度', value: s.position ? String(s.position.latitude) : '' });
    const lng = el('input', { type: 'number', step: 'any', placeholder: '经度', value: s.position ? String(s.position.longitude) : '' });
    const place = el('button', {}, '设定');
    place.onclick = () => update({ position: lat.value && lng.value ? { latitude: Number(lat.value), longitude: Number(lng.value) } : null });
    const forget = el('button', {}, '清除隐私同意和授权');
    forget.onclick = () => phone.forgetPermissions();
    const wipe = el('button', {}, '清除本机存储并重开');
    wipe.onclick = () => {
      const prefix = `lf.preview.${this.account}.s.`;
      for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
      this.frame.src = this.src('');
    };
    this.settingsBox.replaceChildren(
      el('label', {}, offline, ' 断网（请求都失败，页面收到网络变化）'),
      el('label', {}, '订阅消息：', subscribe),
      el('div', {}, '位置（gcj02，空着用浏览器定位）：', lat, lng, place),
      el('div', {}, forget, wipe),
    );
  }
}

async function loadAccounts(): Promise<void> {
  const list = el('datalist', { id: 'lf-accounts' });
  document.body.append(list);
  try {
    const demo = (await (await fetch('/api/dev/demo-accounts')).json()) as DemoAccount[];
    list.append(...demo.map((a) => el('option', { value: a.openid }, `${a.displayName} · ${ROLE_NAMES[a.role] ?? a.role} · ${a.orgPath}`)));
  } catch {
    // The switcher still takes any openid typed in.
  }
}

async function clockWidget(): Promise<HTMLElement> {
  const out = el('span', { class: 'clock' });
  const minutes = el('input', { type: 'number', step: '1', 'aria-label': '时钟偏移（分钟）', class: 'minutes' });
  const set = el('button', {}, '拨动时钟');
  const show = (state: { now: number; offsetMs: number }) => {
    out.textContent = `服务器时钟 ${new Date(state.now).toLocaleString('zh-CN', { hour12: false })}${state.offsetMs ? `（偏移 ${Math.round(state.offsetMs / 60000)} 分钟）` : ''}`;
    minutes.value = String(Math.round(state.offsetMs / 60000));
  };
  set.onclick = async () => {
    const res = await fetch('/api/dev/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsetMs: Math.round(Number(minutes.value) || 0) * 60000 }),
    });
    show((await res.json()) as { now: number; offsetMs: number });
  };
  try {
    show((await (await fetch('/api/dev/clock')).json()) as { now: number; offsetMs: number });
  } catch {
    out.textContent = '服务器时钟不可用';
  }
  return el('span', { class: 'clockbox' }, out, minutes, el('span', {}, '分钟'), set);
}

async function main(): Promise<void> {
  const phones: Phone[] = [];
  const row = el('main', { class: 'phones' });
  const add = el('button', { class: 'add' }, '＋ 再加一部手机');
  add.onclick = () => {
    const phone = new Phone('demo-secretary', phones, '');
    phones.push(phone);
    row.append(phone.column);
    syncAddress(phones);
  };
  // The same phones and page, from the other source.
  const toggled = new URLSearchParams(location.search);
  if (source === 'compiled') toggled.delete('from');
  else toggled.set('from', 'compiled');
  const other = `/?${toggled}${location.hash}`;
  const header = el(
    'header',
    {},
    el('strong', {}, '联防 · 小程序预览'),
    el(
      'span',
      { class: 'source', title: source === 'compiled' ? 'dist/miniprogram：npm run mp:compile 的产物，即上传的代码' : 'miniprogram/ 源码，修改后刷新即生效' },
      source === 'compiled' ? '编译产物' : '源码',
    ),
    el('a', { href: other }, source === 'compiled' ? '改看源码' : '改看编译产物'),
    await clockWidget(),
    el('a', { href: '/api/dev/outbox', target: '_blank' }, '订阅消息发件箱'),
    add,
  );
  document.body.append(header, row);
  await loadAccounts();
  accounts.forEach((account, i) => {
    const phone = new Phone(account, phones, i === 0 ? firstHash : '');
    phones.push(phone);
    row.append(phone.column);
  });
  window.addEventListener('message', (e: MessageEvent<PhoneReport>) => {
    if (e.origin !== location.origin || e.data?.type !== 'lf-phone') return;
    phones.find((p) => p.frame.contentWindow === e.source)?.report(e.data);
  });
}

void main();
