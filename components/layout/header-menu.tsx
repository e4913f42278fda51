"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * The header's navigation and account links. On narrow screens (CSS, below 48rem) they fold behind
 * a "Menu" button (disclosure pattern: aria-expanded, Escape closes and returns focus); a new page
 * closes it. On wide screens the button is hidden and the links always show.
 */
export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button ref={button} type="button" className="button menu-button" aria-expanded={open} aria-controls="header-menu" onClick={() => setOpen(!open)}>
        Menu
      </button>
      <div id="header-menu" className="header-menu" data-open={open}>
        {children}
      </div>
    </>
  );
}
