/** Every two-endpoint lesson, at every step, on a 1280x720 screen and on a projector in presentation mode (the checks: tests/e2e/stageCheck.ts). */
import { SCREENS, walkEveryLesson } from './stageCheck';

walkEveryLesson([SCREENS[0]!, SCREENS[1]!]);
