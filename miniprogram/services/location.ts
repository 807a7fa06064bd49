/**
 * The phone's position (gcj02, the coordinates the server's check-in radius uses) and, when
 * wx.getLocation fails, why — in words that say what to do next. Main package: the volunteer's
 * check-in and the secretary's post editor both locate.
 *
 * A failure is one of: the user has not agreed to the privacy contract (WeChat's privacy check,
 * see services/privacy.ts), the contract does not declare location (a deployment mistake), the
 * user refused location to this mini program, the phone does not let WeChat use location, the
 * phone's location service is off, or no fix could be had.
 */
import type { GeoPoint } from '../../typings/duty';
import { CONTRACT_TITLE, privacyRefusal } from './privacy';
import type { ApiFailure } from './privacy';

export type LocationFailure = 'privacy' | 'undeclared' | 'denied' | 'system' | 'off' | 'unavailable';

export type Position = GeoPoint & { accuracy?: number };

/** What a wx.getLocation failure means. */
export function locationFailure(err: ApiFailure): LocationFailure {
  const privacy = privacyRefusal(err);
  if (privacy) return privacy === 'not-agreed' ? 'privacy' : 'undeclared';
  const errMsg = err.errMsg ?? '';
  if (/system permission/i.test(errMsg)) return 'system';
  if (/auth den|authorize no response/i.test(errMsg)) return 'denied';
  if (/LOCATIONSWITCHOFF|location service/i.test(errMsg)) return 'off';
  return 'unavailable';
}

/** The failure in plain words, with the next step; `action` is what the user was doing ("签到"). */
export function locationText(failure: LocationFailure, action: string): string {
  switch (failure) {
    case 'privacy':
      return `您还没有同意${CONTRACT_TITLE}，所以无法定位。如需${action}，请再点一次，在弹出的说明里点「同意并继续」`;
    case 'undeclared':
      return '小程序的隐私保护指引还没有写明使用位置信息，暂时无法定位，请告知社区工作人员';
    case 'denied':
      return `没有定位权限：请点右上角「···」→「设置」，允许使用位置信息后再${action}`;
    case 'system':
      return `手机没有允许微信使用定位：请在手机「设置」里打开微信的定位权限后再${action}`;
    case 'off':
      return `手机的定位服务没有打开：请在手机「设置」或下拉菜单里打开「定位」后再${action}`;
    default:
      return '无法获取位置，请打开手机定位后重试';
  }
}

/** Where the phone is, or why that could not be had. */
export function locate(): Promise<{ point: Position } | { failure: LocationFailure }> {
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      isHighAccuracy: true,
      highAccuracyExpireTime: 5000,
      success: (res) => {
        const point: Position = { lat: res.latitude, lng: res.longitude };
        if (Number.isFinite(res.accuracy)) point.accuracy = res.accuracy;
        resolve({ point });
      },
      fail: (err) => resolve({ failure: locationFailure(err as ApiFailure) }),
    });
  });
}
