/** The preview's two documents: the page at `/` (phones side by side) and one phone (an iframe of it). */
import type { SourceName } from './sources';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const HEAD = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">';

export function shellHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>${HEAD}<title>联防 · 小程序预览</title><link rel="stylesheet" href="/preview/assets/shell.css"></head>
<body><script src="/preview/assets/shell.js"></script></body>
</html>
`;
}

/** One phone; `problem` is why the chosen source cannot run (then the phone says so and nothing more). */
export function phoneHtml(source: SourceName, problem: string): string {
  const body = problem
    ? `<div class="lf-fatal">${escape(problem)}</div>`
    : `<script src="/preview/mp/${source}/wxml.js"></script><script src="/preview/assets/phone.js"></script>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>${HEAD}<title>联防</title><link rel="stylesheet" href="/preview/assets/phone.css"></head>
<body>
<div id="lf-screen">
  <div id="lf-status"><span id="lf-clock"></span><span id="lf-account"></span><span id="lf-badges"></span></div>
  <div id="lf-nav"><button id="lf-back" hidden aria-label="返回">‹</button><button id="lf-home" hidden aria-label="回到首页">⌂</button><div id="lf-title"></div><div id="lf-capsule" aria-hidden="true"><span>•••</span><span>◎</span></div></div>
  <div id="lf-pages">${problem ? body : ''}</div>
  <div id="lf-notices"></div>
  <div id="lf-overlays"></div>
</div>
${problem ? '' : body}
</body>
</html>
`;
}
