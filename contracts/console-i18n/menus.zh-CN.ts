/**
 * The menu titles of the console's modules (the side menu, breadcrumbs and page titles of every role), mounted in
 * each module's zh-CN.ts as its `menu` and read by the server for the translation workflow. Kept here so the
 * frame a unit user sees is one translatable set; 活动 and 资料库 keep theirs with their pages.
 */
export const consoleMenusZh = {
  bases: {
    group: "教育基地",
    registry: "基地名录",
    detail: "基地详情",
    reports: "参观月报",
    stats: "参观统计",
    checkIn: "签到",
  },
  content: { group: "门户内容", news: "新闻动态", policies: "政策法规" },
  creation: { group: "示范创建" },
  creationFlow: {
    batches: "申报批次",
    applications: "申报管理",
    applicationDetail: "申报详情",
    sheet: "评分表",
    assignments: "测评任务",
    assignmentDetail: "专家评分",
  },
  creationResults: {
    notices: "公示公告",
    objections: "异议处理",
    decisions: "命名决定",
    designations: "示范单位",
    targets: "目标任务",
    coverage: "创建覆盖",
    candidates: "培育库",
    todos: "创建待办",
  },
  creationPrint: {
    application: "打印申报表",
    sheet: "打印评分表",
    decision: "打印命名决定",
    certificate: "打印证书",
  },
  disputes: {
    group: "风险防范",
    main: "矛盾纠纷与零报告",
    alerts: "预警与上报",
    campaigns: "排查活动",
    plans: "应急预案",
    events: "舆情事件",
    stats: "统计分析",
  },
  evaluation: { indicatorSets: "指标体系", setEditor: "指标体系详情" },
  honors: {
    group: "表彰",
    campaigns: "表彰活动",
    nominations: "推荐对象",
    objections: "公示异议",
    awards: "荣誉名录",
  },
  insights: { group: "考核评价", rounds: "考核轮次", round: "考核详情", dashboard: "驾驶舱", bigscreen: "大屏" },
  notify: { messages: "消息中心", announcements: "内部通知" },
  plans: {
    group: "规划监测",
    plans: "规划方案",
    myTasks: "我的任务",
    import: "导入规划",
    detail: "规划详情",
  },
  reports: { reports: "报表中心" },
  services: {
    group: "服务台",
    requests: "服务申请",
    detail: "服务申请详情",
    registry: "窗口与联络员",
    files: "服务档案",
    stats: "服务统计",
  },
  system: {
    calendar: "工作日历",
    dicts: "字典管理",
    settings: "参数设置",
    jobs: "定时任务",
    imports: "导入中心",
    translations: "界面翻译",
  },
};
