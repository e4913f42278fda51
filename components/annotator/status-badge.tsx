import { useId } from "react";
import { statusClass } from "@/components/annotator/status-styles";
import { STATUS_INFO, type TStatus } from "@/lib/statuses";

/** A status with its symbol and label; its meaning shows on hover and keyboard focus. */
export function StatusBadge({ status }: { status: TStatus }) {
  const id = useId();
  const info = STATUS_INFO[status];
  return (
    <span className={`status-badge ${statusClass(status)}`} tabIndex={0} aria-describedby={id}>
      <span aria-hidden="true">{info.symbol}</span> {info.label}
      <span role="tooltip" id={id} className="tooltip">
        {info.meaning}
      </span>
    </span>
  );
}
