import { FlagOutlined } from "@ant-design/icons";
import type { PageRoute } from "../../app/pageRoute";
import { creationFlowRoutes } from "./flow/routes";
import { creationPrintRoutes } from "./print/routes";
import { creationResultsRoutes } from "./results/routes";

export const creationMenuGroups = {
  creation: { titleKey: "creation.menu.group", icon: <FlagOutlined /> },
};

/** 示范创建: the application flow (batches, applications, scoring) and its results (notices … coverage). */
export const creationRoutes: PageRoute[] = [...creationFlowRoutes, ...creationResultsRoutes, ...creationPrintRoutes];
