import { Col, DatePicker, Grid, Row } from "antd";
import type { Dayjs } from "dayjs";
import { t } from "../../app/i18n";

type Range = [Dayjs, Dayjs] | null;

/**
 * 活动日期 as a form field ([start, end]). On a desktop one range picker; on a phone its two months side by side
 * ran off the screen (the previous-month arrow out of reach), so there two single pickers, 开始 and 结束. Most
 * activities last a day: moving the start moves a one-day activity's end with it.
 */
export function DateRangeField({ value, onChange, id }: { value?: Range; onChange?: (v: Range) => void; id?: string }) {
  const phone = Grid.useBreakpoint().md === false;
  if (!phone)
    return (
      <DatePicker.RangePicker
        id={id}
        style={{ width: "100%" }}
        inputReadOnly
        value={value ?? null}
        onChange={(v) => onChange?.(v?.[0] && v[1] ? [v[0], v[1]] : null)}
      />
    );
  const [start, end] = value ?? [null, null];
  return (
    <Row gutter={8}>
      <Col span={12} data-testid="activity-start-date">
        <DatePicker
          id={id}
          style={{ width: "100%" }}
          inputReadOnly
          allowClear={false}
          placeholder={t("activities.fields.startDate")}
          value={start}
          onChange={(d) => {
            if (!d) return;
            const sameDay = !end || (start && end.isSame(start, "day")) || end.isBefore(d, "day");
            onChange?.([d, sameDay ? d : end]);
          }}
        />
      </Col>
      <Col span={12} data-testid="activity-end-date">
        <DatePicker
          style={{ width: "100%" }}
          inputReadOnly
          allowClear={false}
          placeholder={t("activities.fields.endDate")}
          value={end}
          disabledDate={(d) => !!start && d.isBefore(start, "day")}
          onChange={(d) => d && onChange?.([start ?? d, d])}
        />
      </Col>
    </Row>
  );
}
