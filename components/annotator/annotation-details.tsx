"use client";
import { AnnotationEditor } from "@/components/annotator/annotation-editor";
import { EvidenceSection } from "@/components/annotator/evidence-list";
import { AnnotationHistory } from "@/components/annotator/history";
import { RecheckPanel } from "@/components/annotator/recheck-panel";
import { SignOffPanel } from "@/components/annotator/sign-off-panel";
import { WorkPanel } from "@/components/annotator/work-panel";
import { Thread } from "@/components/comments/thread";
import type { TAnnotationView } from "@/lib/annotations/schemas";
import { hasRole } from "@/lib/roles";
import type { TSource } from "@/lib/sources/schemas";
import type { TMemberOption } from "@/lib/workspaces/schemas";

/** Everything about the chosen annotation below its entry: editing, sign-off, assignment, discussion and history. */
export function AnnotationDetails(props: {
  annotation: TAnnotationView;
  /** The document's text (the editor quotes and moves spans in it). */
  text: string;
  sources: TSource[];
  viewer: TMemberOption;
  members: TMemberOption[];
  textSelection: { start: number; end: number } | null;
  /**
   * Changes whenever a live update (another member's change, comment, sign-off) touches this
   * annotation: the id of the latest such event. Thread and history refetch when it changes.
   */
  liveKey?: string;
  onSaved: (a: TAnnotationView) => void;
  onDelete: (a: TAnnotationView) => void;
}) {
  const a = props.annotation;
  const canAnnotate = hasRole(props.viewer.role, "REVIEWER");
  return (
    <div className="annotation-panel">
      {canAnnotate ? (
        // Not re-keyed on changes: the editor follows them itself and keeps unsaved input (annotation-editor.tsx).
        <AnnotationEditor
          annotation={a}
          text={props.text}
          sources={props.sources}
          textSelection={props.textSelection}
          onSaved={props.onSaved}
          onDelete={props.onDelete}
        />
      ) : (
        // Readers see what was found; the chain is already in the entry itself.
        <EvidenceSection annotation={a} sources={props.sources} canEdit={false} onAnnotationChanged={props.onSaved} />
      )}
      <RecheckPanel annotation={a} viewer={props.viewer} onSaved={props.onSaved} />
      <SignOffPanel annotation={a} viewer={props.viewer} onSaved={props.onSaved} />
      {canAnnotate && <WorkPanel annotation={a} members={props.members} onSaved={props.onSaved} />}
      <Thread annotation={a} viewer={props.viewer} members={props.members} liveKey={props.liveKey} onSaved={props.onSaved} />
      <AnnotationHistory annotationId={a.id} version={a.version} liveKey={props.liveKey} sources={props.sources} members={props.members} />
    </div>
  );
}
