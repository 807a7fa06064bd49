// Types of the vendored bundle built by scripts/vendor.ts from @noble/curves (audited, pure JS).
export { ed25519 } from '@noble/curves/ed25519.js';
