import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Space, Typography } from "antd";
import { useNavigate, useParams } from "react-router";
import { PrintButton } from "../../../app/components/PrintLayout";
import { ScoreSheet } from "./ScoreSheet";
import { ApplicationStatusTag, tf, useApplication } from "./shared";

/**
 * A score sheet of an application: the unit's 自评表 (filled by the unit while the application is a draft or
 * returned), or an expert's sheet as the organiser sees it (read-only, with 退回重新评分).
 */
export default function SheetPage() {
  const { id, sheetId } = useParams();
  const navigate = useNavigate();
  const app = useApplication(id).data;
  const self = app?.selfSheet?.id === sheetId;
  const expert = app?.experts?.find((e) => e.sheetId === sheetId);
  const back = () => navigate(`/creation/applications/${id}`);
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Space size={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={tf("sheet.applicationLink")} onClick={back} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {self ? tf("sheet.selfTitle") : expert ? `${tf("sheet.expertTitle")} · ${expert.name}` : tf("sheet.title")}
          </Typography.Text>
          {app && (
            <>
              <Typography.Text type="secondary">{app.title || app.orgName}</Typography.Text>
              <ApplicationStatusTag status={app.status} />
            </>
          )}
          <Typography.Link onClick={back}>{tf("sheet.applicationLink")}</Typography.Link>
          {sheetId && <PrintButton to={`/creation/applications/${id}/sheets/${sheetId}/print`} />}
        </Space>
      </Card>
      {sheetId && <ScoreSheet sheetId={sheetId} onSubmitted={self ? back : undefined} />}
    </Space>
  );
}
