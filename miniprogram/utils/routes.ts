/** Page paths the code navigates to. Each must be registered in app.json (checked by tests/miniprogram/app.test.ts). */
export const ROUTES = {
  home: '/pages/home/home',
  register: '/resident/pages/register/register',
} as const;
