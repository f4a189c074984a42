import { OrgDesignations } from "../modules/creation/results/OrgDesignations";
import { OrgHonors } from "../modules/honors/OrgHonors";

/**
 * What other modules show on an organization's detail (组织机构): its 表彰 honors and its 示范单位 designations.
 * Composed here, as the routes are, so the organization module imports neither; each section shows itself only
 * to those who may read it and asks its own module's API, which keeps to the caller's scope.
 */
export function OrgDetailSections({ orgId }: { orgId: string }) {
  return (
    <>
      <OrgHonors orgId={orgId} />
      <OrgDesignations orgId={orgId} />
    </>
  );
}
