// The page suites of the `compiled` jest project render WeChat's compiled output.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..', 'dist', 'miniprogram');
if (!existsSync(join(root, 'app.json'))) throw new Error('dist/miniprogram is missing: run `npm run mp:compile` first (npm test does)');
process.env.LF_MINIPROGRAM_ROOT = root;
