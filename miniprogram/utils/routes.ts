/** Page paths the code navigates to. Each must be registered in app.json (checked by tests/miniprogram/app.test.ts). */
export const ROUTES = {
  home: '/pages/home/home',
  register: '/resident/pages/register/register',
  pass: '/resident/pages/pass/pass',
  passApply: '/resident/pages/apply/apply',
  adminClaim: '/resident/pages/claim/claim',
  myData: '/resident/pages/mydata/mydata',
  health: '/resident/pages/health/health',
  household: '/resident/pages/household/household',
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
  invite: '/staff/pages/invite/invite',
  caseReport: '/resident/pages/report/report',
  cases: '/staff/pages/cases/cases',
  whistle: '/staff/pages/whistle/whistle',
  unit: '/staff/pages/unit/unit',
  inspect: '/staff/pages/inspect/inspect',
  paperPass: '/staff/pages/paper/paper',
  disinfect: '/volunteer/pages/disinfect/disinfect',
  disinfection: '/staff/pages/disinfection/disinfection',
  buildingResidents: '/staff/pages/building/building',
  censusSummary: '/staff/pages/census/census',
  dashboard: '/staff/pages/dashboard/dashboard',
} as const;

/**
 * Pages being built on other branches, linked to already: each moves into ROUTES once its page is
 * registered in app.json (until then a tap there finds no page).
 */
export const LATER_ROUTES = {
  exportSheet: '/staff/pages/export/export',
} as const;
