/**
 * 零报告 (issue 17 §5, 蒙古文界面): the page tabs of 矛盾纠纷 and the zero-report desk a unit files from, in the
 * console's translated set. Mounted as disputes.… by web/modules/disputes/zh-CN.ts and by ./zh-CN.ts; the case
 * list, alerts, campaigns and the department's screens stay Chinese.
 */
export const disputesUnitZh = {
  tabs: { cases: "矛盾纠纷", desk: "零报告", compliance: "报告率", settings: "时限设置" },
  desk: {
    state: {
      current: "本期",
      due: "即将到期",
      overdue: "逾期未报",
      filed: "已按时报送",
      late: "逾期报送",
    },
    month: "{y}年{m}月",
    quarter: "{y}年第{q}季度",
    dueAt: "截止：{time}",
    nothing: "本期无",
    cases: "案件 {n} 件",
    flagged: "存疑",
    sent: "已报送：本期无",
    queued: "当前没有网络，已保存在本机“待发送”中，网络恢复后自动报送（不会重复报送）",
    outboxLabel: "零报告：{period} 本期无",
    notAssigned: "本单位不是零报告报告单位。",
  },
};
