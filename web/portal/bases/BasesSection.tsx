import "./bases.css";
import BaseDetail from "./BaseDetail";
import BasesDirectory from "./BasesDirectory";
import BookingForm from "./BookingForm";
import ExhibitPage from "./ExhibitPage";
import TrackBooking from "./TrackBooking";

/**
 * 数字教育基地 (/bases): the directory, a base's digital page (/bases/:id), an exhibit's own page that its QR code
 * opens (/bases/:id/exhibits/:exhibitId), the booking form of a session (/bases/:id/book/:sessionId) and the
 * tracking page (/bases/booking, /bases/booking/:code).
 */
export default function BasesSection({ subPath }: { subPath: string }) {
  const parts = subPath.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return <BasesDirectory />;
  if (parts[0] === "booking") return <TrackBooking initialCode={parts[1] ?? ""} />;
  if (parts[1] === "exhibits" && parts[2]) return <ExhibitPage baseId={parts[0]} exhibitId={parts[2]} />;
  if (parts[1] === "book" && parts[2]) return <BookingForm baseId={parts[0]} sessionId={parts[2]} />;
  return <BaseDetail baseId={parts[0]} />;
}
