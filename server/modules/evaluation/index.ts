/** What other modules may use of 测评: indicator sets, score sheets of a subject, and the scoring rules. */
export {
  createIndicatorSet,
  createSheet,
  deleteSheetsOfSubject,
  getIndicatorSet,
  publishIndicatorSet,
  saveSheet,
  setForScoring,
  sheetsOfSubject,
  submitSheet,
} from "./evaluation.service.js";
export { finalResult, leavesOf } from "./scoring.js";
