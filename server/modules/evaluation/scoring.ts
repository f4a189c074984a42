/**
 * The scoring engine lives in contracts/scoring.ts (one implementation for the server and the console); the
 * server's callers use it through here, where the engine's refusals become the API's errors.
 */
import {
  finalResult as finalResultOf,
  finalScore as finalScoreOf,
  ScoringError,
  scoreSheet as scoreSheetOf,
} from "../../../contracts/scoring.js";
import { AppError } from "../../core/errors.js";

export * from "../../../contracts/scoring.js";

function answering<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return f(...args);
    } catch (e) {
      if (e instanceof ScoringError) throw new AppError(e.status, e.code, e.message, e.details);
      throw e;
    }
  };
}

/** scoreSheet, finalScore and finalResult of contracts/scoring.ts, refusing with an AppError (400). */
export const scoreSheet = answering(scoreSheetOf);
export const finalScore = answering(finalScoreOf);
export const finalResult = answering(finalResultOf);
