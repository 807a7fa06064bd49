// Types of the vendored bundle built by scripts/build.ts from qr (paulmillr, no dependencies).
export { default as encodeQR } from 'qr';
