/**
 * Where the local runtime may listen. It takes the caller's identity from the X-Openid header, so
 * anyone who can reach it can be anyone: by default it listens on loopback only, and any other
 * HOST needs LF_ALLOW_REMOTE=1, which it then warns about on every start.
 */

/** A setting that keeps the runtime from starting: its message is the whole story (no stack). */
export class StartRefused extends Error {}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const isLoopback = (host: string) => LOOPBACK.has(host.toLowerCase());

/** The HOST the runtime may bind and the warning to print; StartRefused says why it must not start. */
export function listenHost(env: NodeJS.ProcessEnv): { host: string; warning?: string } {
  const host = env.HOST || '127.0.0.1';
  if (isLoopback(host)) return { host };
  if (env.LF_ALLOW_REMOTE !== '1') {
    throw new StartRefused(
      `HOST=${host} 不是本机回环地址：本地运行时凭请求头 X-Openid 认人，网络上任何人都能冒充任何账号，因此拒绝启动。` +
        `只在本机使用请去掉 HOST（默认 127.0.0.1）；确需对外监听请同时设置 LF_ALLOW_REMOTE=1。\n` +
        `Refusing to listen on non-loopback HOST=${host}: the local runtime trusts the X-Openid header, so anyone on the network ` +
        `could act as any account. Unset HOST (default 127.0.0.1), or set LF_ALLOW_REMOTE=1 to allow it anyway.`,
    );
  }
  return {
    host,
    warning:
      `警告：本地运行时正在监听 ${host}（LF_ALLOW_REMOTE=1），它凭请求头 X-Openid 认人，能访问此端口的任何人都能冒充任何账号。仅限可信网络的开发使用。\n` +
      `WARNING: listening on ${host} (LF_ALLOW_REMOTE=1). The local runtime trusts the X-Openid header: anyone who can reach this port ` +
      `can act as any account. Use only on a trusted network, for development.`,
  };
}
