/** The camera's QR scanner (`wx.scanCode`) as a promise. */

/** The text of the QR code scanned; null when the scan was cancelled or there is no camera. */
export function scanCode(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'], success: (res) => resolve(res.result), fail: () => resolve(null) });
  });
}
