/** Every two-endpoint lesson, at every step, on a 1920x1080 screen and on a 390x844 phone (the checks: tests/e2e/stageCheck.ts). */
import { SCREENS, walkEveryLesson } from './stageCheck';

walkEveryLesson([SCREENS[2]!, SCREENS[3]!]);
