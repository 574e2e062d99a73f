import { lazy } from "./lib/lazy";
import { LoginPage } from "./pages/login/LoginPage";
import { inviteToken } from "./state/invite";
import { auth } from "./state/session";

/** The inbox is most of the code; the login page loads without it. */
const InboxPage = lazy(
  () => import("./pages/inbox/InboxPage").then((module) => module.InboxPage),
  () => <PageLoading />,
);

function PageLoading({ what = "your inbox" }: { what?: string }) {
  return (
    <div class="page-loading" role="status">
      Loading {what}…
    </div>
  );
}

/** Opened from an invite link only, so it is left out of everyone else's first load. */
const InvitePage = lazy(
  () => import("./pages/invite/InvitePage").then((module) => module.InvitePage),
  () => <PageLoading what="your invite" />,
);

export function App() {
  const invite = inviteToken.value;
  // An invite link wins over any sign-in of this browser: it is for the person who opened it.
  if (invite !== null) return <InvitePage token={invite} />;
  const state = auth.value;
  if (state.status === "checking") return <PageLoading />;
  if (state.status === "signed-out") return <LoginPage reason={state.reason} />;
  return <InboxPage me={state.me} />;
}
