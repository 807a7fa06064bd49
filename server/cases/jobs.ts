/**
 * Timer work for cases: the home-observation daily check, built around the daily-health side's
 * `reportedOn` (one read of `healthReports` per person and day). One list shared by the context
 * and the timer function (server/timer.ts), so both run the same job.
 */
import { reportedOn } from '../health/model';
import { observationJob } from './observation';

export const CASE_JOBS = [observationJob(reportedOn)];
