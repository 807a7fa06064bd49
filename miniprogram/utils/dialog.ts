/** A yes/no dialog (wx.showModal) as a promise: true when confirmed, false when cancelled or it failed. */
export function confirmDialog(title: string, content: string, confirmText: string, cancelText = '取消'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText, cancelText, success: (res) => resolve(res.confirm), fail: () => resolve(false) });
  });
}
