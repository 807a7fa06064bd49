/** Request fields shared by the duty actions (volunteers, posts, rotas). */
import { z } from 'zod';
import type { Skill } from '../../typings/duty';
import { MAX_HEADS, SKILLS } from './model';

/** Skills from the fixed list, each at most once in count. */
export const skillList = () => z.array(z.enum(SKILLS as [Skill, ...Skill[]])).max(SKILLS.length);

/** Head count of a shift or post. */
export const heads = () => z.number().int().min(1).max(MAX_HEADS);
