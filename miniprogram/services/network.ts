/** The phone's network as pages need it: told when it comes back, to retry what failed. */

/** Calls `onOnline` whenever the phone regains a network; returns the unsubscribe. */
export function watchNetwork(onOnline: () => void): () => void {
  if (typeof wx.onNetworkStatusChange !== 'function') return () => undefined;
  const listener: WechatMiniprogram.OnNetworkStatusChangeCallback = (res) => {
    if (res.isConnected) onOnline();
  };
  wx.onNetworkStatusChange(listener);
  return () => {
    if (typeof wx.offNetworkStatusChange === 'function') wx.offNetworkStatusChange(listener as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback);
  };
}
