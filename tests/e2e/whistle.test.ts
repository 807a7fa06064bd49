/**
 * 社区吹哨 end to end: 社区 李干事 asks 区住建局 for people; its contact 马强 (demo-unit-contact)
 * claims the request and reports three people for two and a half hours; 李干事 confirms it done.
 */
import { journey } from './support/journey';

jest.setTimeout(240_000);

test('a request raised by the community is claimed, reported and closed', () =>
  journey('whistle', async (j) => {
    const staff = await j.open('demo-community-staff');
    await staff.find('.home-tile', '社区吹哨').scrollIntoViewIfNeeded();
    await staff.tap('.home-tile', '社区吹哨');
    await staff.onPage('社区吹哨');
    await staff.tap('#need-manpower');
    await staff.type('#quantity', '3');
    await staff.type('#detail', '核酸检测点维持秩序');
    await staff.type('#place', '威尼斯水城东门');
    await staff.tap('#unit-u-demo-agency-zj');
    await staff.shot('whistle-form');
    await staff.tap('#send');
    await staff.see('#done', '已吹哨');
    await staff.see('.wh-item', '核酸检测点维持秩序');

    const contact = await j.open('demo-unit-contact');
    await contact.find('.home-tile', '单位报到').scrollIntoViewIfNeeded();
    await contact.tap('.home-tile', '单位报到');
    await contact.onPage('单位报到');
    await contact.see('#unit-name', '区住建局机关党支部');
    await contact.tap('.wh-item .lf-btn', '认领');
    await contact.see('.wh-item', '认领：区住建局机关党支部 · 马强');
    await contact.tap('.wh-item .lf-btn', '报到');
    await contact.type('#people', '3');
    await contact.type('#hours', '2.5');
    await contact.shot('whistle-report');
    await contact.tap('#report-send');
    await contact.see('.wh-item', '报到：派出 3 人 × 2.5 小时');

    const back = await j.open('demo-community-staff');
    await back.tap('.home-tile', '社区吹哨');
    await back.onPage('社区吹哨');
    await back.tap('.wh-item .lf-btn', '确认办结');
    await back.see('.wh-item', '已办结');
    await back.shot('whistle-closed');
  }));
