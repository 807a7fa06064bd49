/** The response median of the cases section: the bucket it falls in, and the words for it. */
import { bucketLabel, medianBucket } from '../../server/stats/dashboard';
import { CASE_RESPONSE } from '../../server/stats/model';

test('the median falls in the bucket holding the lower middle count; none counted is -1', () => {
  expect(medianBucket([0, 0, 0])).toBe(-1);
  expect(medianBucket([1, 0, 0])).toBe(0);
  // Four counts: the second is the lower middle one.
  expect(medianBucket([1, 1, 1, 1])).toBe(1);
  expect(medianBucket([0, 2, 0, 3])).toBe(3);
  expect(medianBucket([3, 0, 0, 2])).toBe(0);
});

test('buckets read as a phone shows them', () => {
  expect(CASE_RESPONSE.map((_, i) => bucketLabel(CASE_RESPONSE, i))).toEqual([
    '≤15分钟',
    '≤30分钟',
    '≤1小时',
    '≤2小时',
    '≤4小时',
    '≤8小时',
    '≤24小时',
    '>24小时',
  ]);
});
