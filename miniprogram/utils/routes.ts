/** Page paths the code navigates to. Each must be registered in app.json (checked by tests/miniprogram/app.test.ts). */
export const ROUTES = {
  home: '/pages/home/home',
  register: '/resident/pages/register/register',
  pass: '/resident/pages/pass/pass',
  passApply: '/resident/pages/apply/apply',
  gateScan: '/volunteer/pages/scan/scan',
  passReview: '/staff/pages/passes/passes',
  gateLog: '/staff/pages/gatelog/gatelog',
  inbox: '/notices/pages/inbox/inbox',
  noticeDetail: '/notices/pages/detail/detail',
  noticePublish: '/staff/pages/publish/publish',
  noticeProgress: '/staff/pages/progress/progress',
  alerts: '/staff/pages/alerts/alerts',
  myShifts: '/volunteer/pages/shifts/shifts',
  volunteerJoin: '/volunteer/pages/join/join',
  rota: '/staff/pages/rota/rota',
  volunteers: '/staff/pages/volunteers/volunteers',
} as const;
