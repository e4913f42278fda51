import type { TMemberWeek } from "@/lib/dashboard/schemas";

/** Each member's work this week, from the events they wrote. */
export function MembersTable(props: { members: TMemberWeek[]; since: string }) {
  return (
    <div className="table-scroll">
      <table className="table members-week">
        <caption>{props.since}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col" className="num">
              Annotations made
            </th>
            <th scope="col" className="num">
              Verdicts given
            </th>
            <th scope="col" className="num">
              Signed off
            </th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td className="num">{m.made.toLocaleString("en-GB")}</td>
              <td className="num">{m.verdicts.toLocaleString("en-GB")}</td>
              <td className="num">{m.signedOff.toLocaleString("en-GB")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
