"use client";
import { useState } from "react";
import { setReadingPreferenceAction } from "@/lib/documents/actions";

/**
 * "Reflow lines", remembered per person and document in the database: the page renders the text with
 * the choice from the first byte, with no flash of the other layout. Shown at once when changed, put
 * back with the reason if it cannot be kept.
 */
export function useReflow(documentId: string, initial: boolean): [{ on: boolean; error: string | null }, (on: boolean) => void] {
  const [state, setState] = useState({ on: initial, error: null as string | null });
  const choose = (on: boolean) => {
    setState({ on, error: null });
    void setReadingPreferenceAction(documentId, { reflow: on }).then(
      (result) => !result.ok && setState({ on: !on, error: `Your choice was not kept: ${result.error.message}` }),
      () => setState({ on: !on, error: "Your choice was not kept: the server could not be reached." }),
    );
  };
  return [state, choose];
}
