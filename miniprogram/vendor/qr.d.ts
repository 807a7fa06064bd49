// Types of the vendored bundle built by scripts/vendor.ts from qr (paulmillr, no dependencies).
export { default as encodeQR } from 'qr';
