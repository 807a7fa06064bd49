/** Request fields shared by the duty actions (volunteers, posts, rotas). */
import * as z from 'zod/mini';
import { intRange } from '../core/validate';
import type { Skill } from '../../typings/duty';
import { MAX_HEADS, SKILLS } from './model';

/** Skills from the fixed list, each at most once in count. */
export const skillList = () => z.array(z.enum(SKILLS as [Skill, ...Skill[]])).check(z.maxLength(SKILLS.length));

/** Head count of a shift or post. */
export const heads = () => intRange(1, MAX_HEADS);
