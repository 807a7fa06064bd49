// Entry for miniprogram/vendor/qr.js (see scripts/vendor.ts).
export { default as encodeQR } from 'qr';
