/** What other modules may use of 公示/异议 (the shared capability). */
export {
  answerObjection,
  assertNoticeCleared,
  getObjection,
  investigateObjection,
  listObjections,
  listOwnerNotices,
  type NoticeItemInput,
  type PublicityCtx,
  phaseOf,
  publishNotice,
  registerPublicityOwner,
  revealObjectionField,
  type UpheldEffect,
} from "./publicity.service.js";
