export function PortalApp() {
  return <main>石榴平台</main>;
}
