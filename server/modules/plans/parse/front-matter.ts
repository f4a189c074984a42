/** Front matter before the body: 文号, title and period. */
import { clean, compact, WS } from "./text.js";

export const DOC_NUMBER_RE = new RegExp(
  `^[\\u4e00-\\u9fa5A-Za-z]{1,16}[〔［\\[【(（][${WS}]*((?:19|20)\\d{2})[${WS}]*[〕］\\]】)）][${WS}]*第?[${WS}]*\\d{1,5}[${WS}]*号$`,
);
/** "2021-2025", "2021--2025", "2021—2025", "2021——2025", "2021年至2025年". */
export const PERIOD_RE = /((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到－]{1,2}\s*((?:19|20)\d{2})\s*年?/;
/** A first line that is the file's name: "《…》.doc", "某某规划.docx". */
const FILE_NAME_RE = /^《?([^《》]{2,80}?)》?\s*\.(?:docx?|wps|txt|pdf|html?)$/i;
export const PLAN_SUFFIX_RE = /(方案|规划|计划|意见|办法|纲要|要点|细则|措施)(?:[（(][^（）()]*[)）])?$/;
const DATE_LINE_RE =
  /^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/;

export function isTitleLikeLine(t: string): boolean {
  return (
    t.length >= 2 &&
    t.length <= 48 &&
    !/[，,。；;：:！？]/.test(t) &&
    !DATE_LINE_RE.test(compact(t)) &&
    !DOC_NUMBER_RE.test(compact(t))
  );
}

function normaliseTitle(raw: string): string {
  let s = clean(raw).replace(/^《(.*)》$/, "$1");
  s = s.replace(
    /[(（]\s*((?:19|20)\d{2})\s*年?\s*[-—–~～至到－]{1,2}\s*((?:19|20)\d{2})\s*(年?)\s*[)）]/,
    "（$1-$2$3）",
  );
  // Whitespace between CJK characters / before a bracket is layout, not content.
  s = s.replace(/([\u4e00-\u9fa5》）])\s+(?=[\u4e00-\u9fa5《（])/g, "$1");
  return s;
}

/**
 * `/印发[《〈](.+?)[》〉]的?通知/` in linear time: the first "印发《" wins when any "》通知" follows it, and then the
 * nearest one (the regex tried every "印发《" against the rest of the text).
 */
function noticeTitle(s: string): string | null {
  const a = s.indexOf("印发《");
  const b = s.indexOf("印发〈");
  const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  if (start < 0) return null;
  const end = /[》〉]的?通知/g;
  end.lastIndex = start + 4;
  const m = end.exec(s);
  return m ? s.slice(start + 3, m.index) : null;
}

/**
 * A title stated in the text itself: "…，制定民族团结进步示范旗创建实施方案如下：" → the plan named between 制定 and
 * 如下; "关于进一步加强民族团结进步教育的实施方案" → that line.
 */
function statedTitle(front: string[]): string | null {
  for (const t of front) {
    if (!t || t.length > 400) continue;
    const made =
      /制定(?:了|本)?《?([^，,。；;《》]{4,60}?(?:方案|规划|计划|意见|办法|纲要|要点|细则|措施))》?如下/.exec(t);
    if (made && !/^本/.test(made[1])) return made[1];
  }
  for (const t of front) {
    if (!t || t.length > 80) continue;
    const about = /(关于[^，,。；;]{2,60}?的(?:实施|工作|行动)?(?:方案|规划|计划|意见))(?:[（(][^（）()]*[)）])?$/.exec(
      t,
    );
    if (about) return about[0];
  }
  return null;
}

export function findFrontMatter(front: string[]): {
  title: string | null;
  docNumber: string | null;
  period: string | null;
} {
  let docNumber: string | null = null;
  for (const t of front) {
    if (DOC_NUMBER_RE.test(compact(t))) {
      docNumber = compact(t);
      break;
    }
  }
  // A file name on the first line is its own group (it is not part of a title wrapped over lines).
  let fileTitle: string | null = null;
  const firstIndex = front.findIndex(Boolean);
  const fileName = firstIndex >= 0 ? FILE_NAME_RE.exec(front[firstIndex]) : null;
  if (fileName) {
    fileTitle = normaliseTitle(fileName[1]);
    front = front.filter((_, i) => i !== firstIndex);
  }
  // Groups of consecutive title-like lines (blank lines do not break a group, anything else does).
  const groups: string[][] = [];
  let cur: string[] = [];
  for (const t of front) {
    if (!t) continue;
    if (isTitleLikeLine(t)) cur.push(t);
    else {
      if (cur.length) groups.push(cur);
      cur = [];
    }
  }
  if (cur.length) groups.push(cur);
  let title: string | null = null;
  for (const g of groups) {
    const joined = normaliseTitle(g.slice(-3).join(""));
    if (PLAN_SUFFIX_RE.test(joined.replace(/》$/, ""))) title = joined.replace(/^《|》$/g, "");
  }
  if (!title) {
    // "关于印发《X》的通知", possibly wrapped over several lines.
    const notice = noticeTitle(front.filter(Boolean).join(""));
    if (notice) title = normaliseTitle(notice);
  }
  if (!title) {
    const stated = statedTitle(front);
    if (stated) title = normaliseTitle(stated);
  }
  if (!title && fileTitle && PLAN_SUFFIX_RE.test(fileTitle.replace(/[（(][^（）()]*[)）]$/, ""))) title = fileTitle;
  let period: string | null = null;
  const p =
    (title && PERIOD_RE.exec(title)) ||
    PERIOD_RE.exec(front.filter(isTitleLikeLine).join(" ")) ||
    (fileTitle && PERIOD_RE.exec(fileTitle));
  if (p) period = `${p[1]}-${p[2]}`;
  return { title, docNumber, period };
}
