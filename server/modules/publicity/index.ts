/** What other modules may use of 公示/异议 (the shared capability). */

export { searchPublicNotices } from "./public-search.js";
export {
  assertNoticeCleared,
  createDraftNotice,
  getNoticeRecord,
  itemNoticeRecords,
  listOwnerNotices,
  lockNotice,
  type NoticeCols,
  type NoticeItemInput,
  type NoticeQuery,
  type NoticeRecord,
  noticeEndsOnSql,
  noticePage,
  noticeSearchBackfill,
  noticeWindows,
  type PublicityCtx,
  phaseOf,
  publishDraft,
  publishNotice,
  registerPublicityOwner,
  type UpheldEffect,
} from "./publicity.service.js";
export {
  answerObjection,
  getObjection,
  getObjectionByCode,
  investigateObjection,
  listObjections,
  type ObjectionRecord,
  pendingObjections,
  revealObjectionField,
  submitObjection,
  unansweredObjections,
} from "./publicity-objection.service.js";
