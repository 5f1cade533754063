import { type Me, useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Avatar } from "@alif/ui";
import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "react-router";

const ITEM =
  "flex min-h-12 w-full items-center gap-3 rounded-xl px-3 text-left font-bold text-ink hover:bg-brand-50";

type MenuLink = { to: string; icon: string; label: string };

/** The pages of each role besides home and settings. */
function menuLinks(role: Me["user"]["role"]): MenuLink[] {
  const wallet = { to: "/wallet", icon: "🪙", label: "nav.coins" };
  switch (role) {
    case "student":
      return [
        wallet,
        { to: "/shop", icon: "🛍️", label: "nav.shop" },
        { to: "/classes", icon: "🏫", label: "nav.classes" },
      ];
    case "parent":
      return [
        wallet,
        { to: "/reports/weekly", icon: "📊", label: "nav.report" },
        { to: "/subscription", icon: "⭐", label: "nav.subscription" },
        { to: "/notifications", icon: "🔔", label: "nav.notifications" },
      ];
    case "teacher":
      return [{ to: "/groups", icon: "🏫", label: "nav.groups" }, wallet];
    case "organization":
      return [
        { to: "/groups", icon: "🏫", label: "nav.groups" },
        { to: "/subscription", icon: "⭐", label: "nav.subscription" },
      ];
    default:
      return [];
  }
}

/** The avatar in the header: a small disclosure with my page, settings and logging out. */
export function AccountMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on every navigation
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const logout = async () => {
    setOpen(false);
    await auth.signOut(); // a signed-in page then sends the user home
  };

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${me.user.first_name}: ${t("nav.home")}, ${t("nav.settings")}`}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex min-h-12 items-center rounded-full p-0.5 hover:ring-4 hover:ring-brand-100"
      >
        <Avatar name={me.user.first_name} avatar={me.student_profile?.avatar} />
      </button>
      <div
        id={id}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-60 rounded-2xl bg-white p-2 shadow-xl ring-1 ring-slate-200"
      >
        <p className="truncate px-3 py-2 text-muted text-sm">
          {me.user.first_name} {me.user.last_name}
        </p>
        <Link to="/home" className={ITEM}>
          <span aria-hidden="true">🏠</span> {t("nav.home")}
        </Link>
        {menuLinks(me.user.role).map((link) => (
          <Link key={link.to} to={link.to} className={ITEM}>
            <span aria-hidden="true">{link.icon}</span> {t(link.label)}
          </Link>
        ))}
        <Link to="/settings" className={ITEM}>
          <span aria-hidden="true">⚙️</span> {t("nav.settings")}
        </Link>
        <button type="button" onClick={() => void logout()} className={ITEM}>
          <span aria-hidden="true">🚪</span> {t("nav.logout")}
        </button>
      </div>
    </div>
  );
}
