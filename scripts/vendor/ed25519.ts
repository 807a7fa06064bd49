// Entry for miniprogram/vendor/ed25519.js (see scripts/vendor.ts).
export { ed25519 } from '@noble/curves/ed25519.js';
