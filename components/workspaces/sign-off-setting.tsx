"use client";
import { useState } from "react";
import type { TAppErrorBody } from "@/lib/errors";
import { updateWorkspaceSettingsAction } from "@/lib/workspaces/actions";
import type { TWorkspaceSettingsView } from "@/lib/workspaces/mutations";

/** The owner's switch for the two-person rule; saves on change against the version shown. */
export function SignOffSetting(props: { workspaceId: string; initial: TWorkspaceSettingsView }) {
  const [settings, setSettings] = useState(props.initial);
  const [error, setError] = useState<TAppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);

  async function save(requireSignOff: boolean) {
    const before = settings;
    // Shown at once; put back (or replaced by what another owner saved) if the server refuses it.
    setSettings({ ...settings, requireSignOff });
    setPending(true);
    setSaved(false);
    const result = await updateWorkspaceSettingsAction(props.workspaceId, { version: settings.version, requireSignOff });
    setPending(false);
    if (result.ok) {
      setError(null);
      setSaved(true);
      return setSettings(result.data);
    }
    setError(result.error);
    // A stale version: show the settings as they now stand, so the owner decides again.
    setSettings((result.error.current as TWorkspaceSettingsView | undefined) ?? before);
  }

  return (
    <div>
      <label className="checkbox">
        <input type="checkbox" checked={settings.requireSignOff} disabled={pending} onChange={(e) => save(e.target.checked)} /> Require a second
        person&apos;s sign-off for verdicts
      </label>{" "}
      <span role="status" className="muted">
        {pending ? "Saving…" : saved ? "Saved." : ""}
      </span>
      <p className="muted">
        When on, a verdict stays “awaiting sign-off” until an editor or owner other than the one who gave it confirms it or returns it. Verdicts given
        earlier keep their state.
      </p>
      {error && (
        <p role="alert" className="error">
          {error.message}
          {error.current ? " The setting now shows what they saved." : ""}
        </p>
      )}
    </div>
  );
}
