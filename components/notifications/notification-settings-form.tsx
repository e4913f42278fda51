"use client";
import { useState } from "react";
import { setNotificationSettingsAction } from "@/lib/notifications/actions";
import { INBOX_KINDS, NOTIFICATION_LABELS, type TNotificationSettings } from "@/lib/notifications/schemas";

/** A checkbox per kind of notification; Save stores them for this person. Turning a kind off stops new ones of it. */
export function NotificationSettingsForm(props: { settings: TNotificationSettings }) {
  const [settings, setSettings] = useState(props.settings);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await setNotificationSettingsAction(settings);
    setPending(false);
    if (!result.ok) return setMessage({ ok: false, text: result.error.message });
    setSettings(result.data);
    setMessage({ ok: true, text: "Saved. New notifications follow these choices." });
  }

  return (
    <form onSubmit={save} className="stack">
      <fieldset>
        <legend>Show in my inbox</legend>
        {INBOX_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input
              type="checkbox"
              name={kind}
              checked={settings[kind]}
              onChange={(e) => {
                setMessage(null);
                setSettings((s) => ({ ...s, [kind]: e.target.checked }));
              }}
            />
            <span>
              <strong>{NOTIFICATION_LABELS[kind].label}</strong> — {NOTIFICATION_LABELS[kind].hint}
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" className="button primary" disabled={pending}>
          Save
        </button>
      </div>
      <p role="status" className={message && !message.ok ? "error" : undefined}>
        {message?.text}
      </p>
    </form>
  );
}
