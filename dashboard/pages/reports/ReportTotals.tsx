import type { ReportFigures } from "@parley/protocol";
import { count, duration, percent, score } from "./format";

interface Card {
  label: string;
  value: string;
  /** A second line: what the figure is made of. */
  detail: string;
}

function cardsOf(totals: ReportFigures): Card[] {
  const bySender = totals.messages_by_sender;
  return [
    { label: "Conversations", value: count(totals.conversations), detail: `${count(totals.active_conversations)} active in the range` },
    { label: "Messages", value: count(totals.messages), detail: `${count(bySender.user)} visitor · ${count(bySender.agent)} agent · ${count(bySender.bot)} bot` },
    { label: "Escalation rate", value: percent(totals.escalation_rate), detail: `${count(totals.escalations)} escalated to a person` },
    { label: "First response", value: duration(totals.first_response_s.p50), detail: `median · p90 ${duration(totals.first_response_s.p90)}` },
    { label: "Resolution", value: duration(totals.resolution_s.p50), detail: `median · p90 ${duration(totals.resolution_s.p90)}` },
    { label: "Connection success", value: percent(totals.connection_success_rate), detail: "widget sockets that opened" },
    { label: "Satisfaction", value: score(totals.csat.average), detail: `${count(totals.csat.count)} ratings` },
  ];
}

/** The whole range's headline figures, one card each (the totals are the server's, not sums of days). */
export function ReportTotals({ totals }: { totals: ReportFigures }) {
  return (
    <ul class="report-totals" aria-label="Totals for the range">
      {cardsOf(totals).map((card) => (
        <li class="report-totals__card" key={card.label}>
          <span class="report-totals__label">{card.label}</span>
          <span class="report-totals__value">{card.value}</span>
          <span class="report-totals__detail">{card.detail}</span>
        </li>
      ))}
    </ul>
  );
}
