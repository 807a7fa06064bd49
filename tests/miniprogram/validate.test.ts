import type { RegisterForm } from '../../miniprogram/resident/pages/register/register-form';
import {
  isRegisterValid,
  normalizeRegister,
  registerErrors,
  registerFieldOf,
  validateRoom,
  validateUnit,
} from '../../miniprogram/resident/pages/register/register-form';
import { validateName, validatePhone } from '../../miniprogram/utils/validate';

describe('validateName', () => {
  it.each([
    ['', '请填写姓名'],
    ['   ', '请填写姓名'],
    ['王', '姓名应为 2–20 个字'],
    ['王'.repeat(21), '姓名应为 2–20 个字'],
    ['王1', '姓名只能包含汉字、字母和间隔号'],
    ['王😀', '姓名只能包含汉字、字母和间隔号'],
  ])('rejects %j with %s', (value, message) => {
    expect(validateName(value)).toBe(message);
  });

  it.each(['王芳', ' 王秀兰 ', '欧阳'.repeat(10), 'Li Lei', '阿卜杜·热合曼'])('accepts %j', (value) => {
    expect(validateName(value)).toBe('');
  });
});

describe('validatePhone', () => {
  it.each([
    ['', '请填写手机号'],
    ['1381234567', '手机号应为 11 位数字'],
    ['138123456789', '手机号应为 11 位数字'],
    ['1381234567a', '手机号只能是数字'],
    ['12812345678', '请填写正确的手机号（1 开头）'],
    ['23812345678', '请填写正确的手机号（1 开头）'],
  ])('rejects %j with %s', (value, message) => {
    expect(validatePhone(value)).toBe(message);
  });

  it.each(['13812345678', '19912345678', ' 13812345678 ', '138 1234 5678', '138-1234-5678'])('accepts %j', (value) => {
    expect(validatePhone(value)).toBe('');
  });
});

describe('unit and room', () => {
  it('are required', () => {
    expect(validateUnit(' ')).toBe('请填写单元');
    expect(validateRoom('')).toBe('请填写房号');
  });

  it('take the short letters-and-digits form the server accepts', () => {
    expect(validateUnit('2')).toBe('');
    expect(validateUnit(' A ')).toBe('');
    expect(validateUnit('一单元')).toBe('单元号应为 1–6 位数字或字母');
    expect(validateUnit('1234567')).toBe('单元号应为 1–6 位数字或字母');
    expect(validateRoom('502')).toBe('');
    expect(validateRoom('B-1203')).toBe('');
    expect(validateRoom('五楼')).toBe('房号应为 1–8 位数字或字母');
    expect(validateRoom('123456789')).toBe('房号应为 1–8 位数字或字母');
  });
});

describe('the registration form', () => {
  const good: RegisterForm = { name: ' 王秀兰 ', phone: '139 1234 2468', buildingId: 'b-1', unit: ' 2 ', room: ' 502 ' };

  it('is valid only when every field is', () => {
    expect(isRegisterValid(good)).toBe(true);
    expect(isRegisterValid({ ...good, buildingId: '' })).toBe(false);
    expect(registerErrors({ ...good, phone: '139' })).toEqual({ name: '', phone: '手机号应为 11 位数字', buildingId: '', unit: '', room: '' });
  });

  it('is sent trimmed, the phone without spaces', () => {
    expect(normalizeRegister(good)).toEqual({ name: '王秀兰', phone: '13912342468', buildingId: 'b-1', unit: '2', room: '502' });
  });

  it('maps a server field path to a form field', () => {
    expect(registerFieldOf('data.phone')).toBe('phone');
    expect(registerFieldOf('data.buildingId')).toBe('buildingId');
    expect(registerFieldOf('data.household')).toBeNull();
    expect(registerFieldOf('data.constructor')).toBeNull();
    expect(registerFieldOf(undefined)).toBeNull();
  });
});
