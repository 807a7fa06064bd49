/**
 * The static accessibility check over the pages the elderly use most (home, the pass, the notice
 * inbox, the gate scan): text sizes, contrast, tap targets, press feedback and labels, read from
 * their WXML and WXSS with the app's colour tokens. The check itself is tested on small pages
 * that break each rule once.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { checkPage, contrast, parseColor, toPt } from './support/a11y-check';

const ROOT = path.join(__dirname, '../../miniprogram');

const PAGES = ['pages/home/home', 'resident/pages/pass/pass', 'notices/pages/inbox/inbox', 'volunteer/pages/scan/scan'];

describe('static accessibility check', () => {
  it.each(PAGES)('%s has no text under the size floors, no low contrast, no small or silent tap target', (page) => {
    expect(checkPage(ROOT, page)).toEqual([]);
  });
});

/** The check's verdicts on a one-page mini program with the real app.wxss and the given page. */
function check(wxml: string, wxss = ''): string[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lf-a11y-'));
  mkdirSync(path.join(root, 'pages/t'), { recursive: true });
  copyFileSync(path.join(ROOT, 'app.wxss'), path.join(root, 'app.wxss'));
  writeFileSync(path.join(root, 'pages/t/t.wxml'), wxml);
  writeFileSync(path.join(root, 'pages/t/t.wxss'), wxss);
  return checkPage(root, 'pages/t/t').map((v) => v.replace(/^pages\/t\/t\.wxml:\d+ /, ''));
}

describe('the check itself', () => {
  it('converts lengths at a 375-pt phone and the standard root size, and measures contrast as WCAG does', () => {
    expect(toPt('36rpx', 16)).toBe(18);
    expect(toPt('1.125rem', 16)).toBe(18);
    expect(toPt('15px', 16)).toBe(15);
    expect(toPt('1.5em', 12)).toBe(18);
    expect(contrast(parseColor('#fff')!, parseColor('#000')!)).toBeCloseTo(21, 5);
    expect(contrast(parseColor('#9a9a9a')!, parseColor('#ffffff')!)).toBeCloseTo(2.8, 1);
  });

  it('passes a page that keeps every rule', () => {
    expect(check('<view class="lf-card"><view class="lf-title">标题</view><view class="lf-muted">说明</view></view>')).toEqual([]);
  });

  it('finds secondary text under 16 pt and body text under 18 pt', () => {
    expect(
      check(
        '<view id="a" class="small">小字</view><view id="b" class="body">正文</view>',
        '.small { font-size: 30rpx; color: var(--lf-muted); } .body { font-size: 34rpx; }',
      ),
    ).toEqual(['#a: font 15pt < 16pt', '#b: font 17pt < 18pt (body text)']);
  });

  it('finds low contrast over the background the text sits on, through opacity, in every class a binding can add', () => {
    expect(
      check(
        '<view class="card {{off ? \'card-off\' : \'\'}}"><view id="t">文字</view></view><view id="f" class="faded">淡</view>',
        '.card { background: #fff; } .card-off { color: #9a9a9a; } .faded { opacity: 0.5; color: var(--lf-muted); }',
      ),
    ).toEqual([
      '#t: contrast 2.81:1 < 4.5:1',
      '#f: contrast 2.27:1 < 4.5:1',
      // In the dark theme the text turns light while this page's card stays white.
      '(dark) #t: contrast 1.21:1 < 4.5:1',
      '(dark) #f: contrast 3.15:1 < 4.5:1',
    ]);
  });

  it('finds low-contrast disabled buttons and inputs with the default placeholder grey', () => {
    expect(
      check(
        '<button id="go" class="pale" disabled="{{busy}}">提交</button><input id="name" placeholder="姓名" />',
        '.pale { background: #b42318; color: #fff; } .pale[disabled] { background: #e5a8a2; }',
      ),
    ).toEqual(['#go: contrast 2.01:1 < 4.5:1 (disabled)', '#name: placeholder contrast 2.80:1 < 4.5:1', '#name: tap target 27.0pt high < 44pt']);
  });

  it('finds tap targets under 44 × 44 pt, without press feedback, and icon-only controls without a label', () => {
    expect(
      check(
        '<view id="low" class="low" hover-class="lf-hover" bindtap="go">去</view><text id="narrow" hover-class="lf-hover" bindtap="go">改</text><view id="mute" class="big" bindtap="go">好</view><view id="icon" class="big" hover-class="lf-hover" bindtap="go"></view><view id="ok" class="big" hover-class="lf-hover" aria-label="关闭" bindtap="go"></view>',
        '.low { padding: 4rpx 0; } .big { min-height: 88rpx; }',
      ),
    ).toEqual([
      '#low: tap target 31.0pt high < 44pt',
      '#narrow: tap target 27.0pt high < 44pt',
      '#narrow: tap target 18.0pt wide < 44pt',
      '#mute: tappable without hover-class',
      '#icon: icon-only control without aria-label',
    ]);
  });
});
