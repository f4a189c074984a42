/** What other modules may use of 资料库: checks and files of materials referenced as evidence, and uploads. */
export { evidenceRoutes } from "./evidence.route.js";
export {
  assertMaterialsUsable,
  materialRefs,
  readPublishedMaterialFile,
  readReferencedMaterialFile,
  uploadMaterial,
} from "./materials.service.js";
