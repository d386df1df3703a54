import type { PracticeReport } from '../ui/PracticeView';
import type { ScormSession } from './scorm';

/** The practice view's report, told to an LMS: each answer as an interaction (and kept for a resumed launch), then the score. */
export const scormReport = (scorm: ScormSession, seed: number, mastery: number | null): PracticeReport => ({
  answered: (_index, exercise, choice, answers) => scorm.answered({ id: exercise.id, choice, answer: exercise.answer }, { seed, answers }),
  finished: (right, of) => scorm.finished(right, of, mastery),
});
