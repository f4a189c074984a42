import { creationUnitZh } from "../../../../contracts/console-i18n/creation.zh-CN";
import { consoleMenusZh } from "../../../../contracts/console-i18n/menus.zh-CN";
import { BATCH_STATUS_LABELS } from "../../../../contracts/creation/statuses";

/*
 * zh-CN strings of the application flow pages; t("creation.flow.…"). Application and batch statuses are the
 * label maps of contracts/creation/statuses.ts (zod-free, so the start-up bundle stays small). What a unit fills
 * (its applications, the 自评表, the status and level words) lives in contracts/console-i18n/creation.zh-CN.ts, the
 * console's translated set, spread in here; batches and expert assignments stay Chinese.
 */
export const creationFlowZh = {
  menu: consoleMenusZh.creationFlow,
  ...creationUnitZh,
  // A dash for an empty cell: the same in every language, so not in the translated set.
  none: "—",
  batchStatus: BATCH_STATUS_LABELS,

  batches: {
    listTitle: "申报批次",
    fields: {
      name: "批次名称",
      year: "年度",
      level: "命名级别",
      categories: "创建类别",
      setId: "指标体系",
      categorySets: "分类别指标体系",
      quota: "命名名额",
      noticeDays: "公示期（工作日）",
      validityYears: "命名有效期（年）",
      prerequisiteLevel: "须先获得的命名",
      submitDeadline: "申报截止",
      reviewDeadline: "逐级推荐截止",
      evaluationDeadline: "测评截止",
      namingDeadline: "命名截止",
      description: "申报说明",
      status: "状态",
      organiser: "组织单位",
      region: "组织区划",
      applicationCount: "已提交申报",
      namedCount: "已命名",
      deadlines: "各阶段截止",
      updatedAt: "更新时间",
    },
    filters: { keywordPlaceholder: "批次名称" },
    actions: {
      create: "新建批次",
      detail: "详情",
      edit: "编辑",
      open: "开始申报",
      reopen: "恢复申报",
      close: "截止申报",
      apply: "申报",
      applications: "查看申报",
    },
    confirm: {
      open: "开始申报“{name}”？",
      openHint: "开始后，命名级别、创建类别和指标体系不能再修改；辖区内的单位即可填报。",
      close: "截止申报“{name}”？",
      closeHint: "截止后单位不能再新提交申报；已提交的申报继续逐级推荐。之后可以恢复申报。",
    },
    messages: {
      opened: "“{name}”已开始申报",
      closed: "“{name}”已截止申报",
      created: "已新建申报批次“{name}”",
      updated: "已保存申报批次“{name}”",
    },
    form: {
      createTitle: "新建申报批次",
      editTitle: "编辑申报批次",
      basics: "基本信息",
      scoring: "类别与指标体系",
      schedule: "各阶段截止日期",
      rules: "名额与命名规则",
      lockedHint: "批次已开始申报，命名级别、年度、创建类别、指标体系、有效期和前置命名不能再修改。",
      noLevel: "您所在的区划级别不能组织申报批次（组织单位应为自治区、盟市或旗县的民族工作部门）。",
      defaultSetExtra: "各类别默认使用此指标体系；只列出已发布且适用于该命名级别的指标体系。",
      categorySetPlaceholder: "使用默认指标体系",
      categorySetsExtra: "个别类别（如学校、企业）使用专门的指标体系时在此选择。",
      setNotForCategory: "不适用于所选类别：{categories}",
      placeholders: {
        name: "如：2026年度通辽市民族团结进步示范单位命名",
        categories: "请选择本批次接受申报的类别",
        setId: "请选择指标体系",
        quota: "不填表示不限",
        prerequisiteLevel: "不要求",
        description: "申报条件、材料要求、联系方式等",
      },
    },
    detail: { title: "申报批次", sets: "指标体系" },
    deadlinePassed: "已过申报截止日期",
  },

  assignments: {
    listTitle: "我的测评任务",
    intro: "组织单位分配给您的申报。请查阅申报材料和实地考察记录后逐项评分；提交前其他专家的评分对您不可见。",
    tabs: { pending: "待评分", submitted: "已提交", all: "全部" },
    fields: {
      org: "申报单位",
      batch: "申报批次",
      category: "创建类别",
      level: "命名级别",
      region: "所在区划",
      sheetStatus: "评分表",
      status: "申报状态",
      deadline: "测评截止",
      assignedAt: "分配时间",
    },
    actions: { score: "评分", view: "查看" },
    empty: "暂无测评任务",
    detail: {
      application: "申报材料",
      statement: "创建工作总结",
      evidence: "佐证材料",
      evidenceHint: "佐证材料仅供本次测评查阅：图片、PDF 可在新窗口预览，下载将记录在审计日志中。",
      siteVisits: "实地考察",
      panel: "专家组评分情况",
      panelProgress: "已提交 {submitted} / {assigned} 位",
      panelOthers: "其他专家总分：{totals}",
      panelNone: "其他专家尚未提交",
      panelHidden: "提交本人评分后可看到其他专家的总分。",
      deadline: "测评截止：{date}",
    },
  },
};
