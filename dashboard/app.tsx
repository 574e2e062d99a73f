import { lazy } from "./lib/lazy";
import { LoginPage } from "./pages/login/LoginPage";
import { auth } from "./state/session";

/** The inbox is most of the code; the login page loads without it. */
const InboxPage = lazy(
  () => import("./pages/inbox/InboxPage").then((module) => module.InboxPage),
  () => <PageLoading />,
);

function PageLoading() {
  return (
    <div class="page-loading" role="status">
      Loading your inbox…
    </div>
  );
}

export function App() {
  const state = auth.value;
  if (state.status === "checking") return <PageLoading />;
  if (state.status === "signed-out") return <LoginPage reason={state.reason} />;
  return <InboxPage me={state.me} />;
}
