import type { ReportChartSpec } from "../../components/report-chart/chart-spec";
import { count, duration, minutes, percent, percentPoints, score } from "./format";

/** The page's charts, top to bottom: the figures SPEC §11 names. */
export const REPORT_CHARTS: readonly ReportChartSpec[] = [
  {
    id: "conversations",
    title: "Conversations",
    description: "Conversations started each day, and those open at some moment of it.",
    unit: "Conversations",
    series: [
      { label: "Started", color: "--chart-1", kind: "line", plot: (f) => f.conversations, text: (f) => count(f.conversations) },
      { label: "Active", color: "--chart-2", kind: "line", plot: (f) => f.active_conversations, text: (f) => count(f.active_conversations) },
    ],
  },
  {
    id: "messages",
    title: "Message volume",
    description: "Messages sent each day, by visitors, agents and the bot.",
    unit: "Messages",
    stacked: true,
    series: [
      { label: "Visitors", color: "--chart-1", kind: "bar", plot: (f) => f.messages_by_sender.user, text: (f) => count(f.messages_by_sender.user) },
      { label: "Agents", color: "--chart-2", kind: "bar", plot: (f) => f.messages_by_sender.agent, text: (f) => count(f.messages_by_sender.agent) },
      { label: "Bot", color: "--chart-3", kind: "bar", plot: (f) => f.messages_by_sender.bot, text: (f) => count(f.messages_by_sender.bot) },
    ],
  },
  {
    id: "times",
    title: "Response and resolution times",
    description: "First response: from escalation to an agent's first reply. Resolution: from escalation to close. Median (p50) and 90th percentile (p90), in minutes.",
    unit: "Minutes",
    series: [
      { label: "First response p50", color: "--chart-1", kind: "line", plot: (f) => minutes(f.first_response_s.p50), text: (f) => duration(f.first_response_s.p50) },
      { label: "First response p90", color: "--chart-1", kind: "line", dashed: true, plot: (f) => minutes(f.first_response_s.p90), text: (f) => duration(f.first_response_s.p90) },
      { label: "Resolution p50", color: "--chart-4", kind: "line", plot: (f) => minutes(f.resolution_s.p50), text: (f) => duration(f.resolution_s.p50) },
      { label: "Resolution p90", color: "--chart-4", kind: "line", dashed: true, plot: (f) => minutes(f.resolution_s.p90), text: (f) => duration(f.resolution_s.p90) },
    ],
  },
  {
    id: "rates",
    title: "Escalation and connection success",
    description: "Share of new conversations escalated to a person, and share of widget connections that opened, in percent.",
    unit: "Percent",
    percentScale: true,
    series: [
      { label: "Escalation rate", color: "--chart-3", kind: "line", plot: (f) => percentPoints(f.escalation_rate), text: (f) => percent(f.escalation_rate) },
      { label: "Connection success", color: "--chart-2", kind: "line", plot: (f) => percentPoints(f.connection_success_rate), text: (f) => percent(f.connection_success_rate) },
    ],
  },
  {
    id: "satisfaction",
    title: "Satisfaction",
    description: "Ratings visitors gave after a conversation closed (bars), and their average from 1 to 5 (line).",
    unit: "Ratings",
    rightAxis: { unit: "Average", range: [1, 5] },
    series: [
      { label: "Ratings", color: "--chart-5", kind: "bar", plot: (f) => f.csat.count, text: (f) => count(f.csat.count) },
      { label: "Average", color: "--chart-4", kind: "line", right: true, plot: (f) => f.csat.average, text: (f) => score(f.csat.average) },
    ],
  },
];
