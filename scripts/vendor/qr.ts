// Entry for miniprogram/vendor/qr.js (see scripts/build.ts).
export { default as encodeQR } from 'qr';
