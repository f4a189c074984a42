import type { TodoItem } from "../../../../contracts/creation";
import { useAuth } from "../../../app/auth";
import { findPageRoute } from "../../../app/pageRoute";

/** Where a to-do is done: the page (and record) for its kind, when that page exists and the user may open it. */
export function useTodoLink() {
  const { can } = useAuth();
  return (item: TodoItem): string | null => {
    const route = (path: string) => {
      const r = findPageRoute(path);
      return r && (!r.permission || can(r.permission)) ? r : undefined;
    };
    const at = (path: string, url: string) => (route(path) ? url : null);
    if (item.kind === "publicize") return at("creation/notices", "/creation/notices?new=1");
    if (item.kind === "name") return at("creation/decisions", "/creation/decisions?new=1");
    switch (item.entity) {
      case "creation_application":
        return at("creation/applications/:id", `/creation/applications/${item.entityId}`);
      case "score_sheet":
        return at("creation/assignments", "/creation/assignments");
      case "creation_objection":
        return at("creation/objections", `/creation/objections?id=${item.entityId}`);
      case "creation_designation":
        // An overdue 年度自查 opens its designation with the start of the self-check in front.
        return at(
          "creation/designations",
          `/creation/designations?id=${item.entityId}${item.kind === "self_check_overdue" ? "&selfCheck=1" : ""}`,
        );
      case "creation_reverification":
        return at("creation/designations", `/creation/designations?reverification=${item.entityId}`);
      case "creation_batch":
        return at("creation/batches", "/creation/batches");
      default:
        return null;
    }
  };
}
